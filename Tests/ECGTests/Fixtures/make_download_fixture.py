#!/usr/bin/env python3
"""Produces the tiny PhysioNet-like tree under physionet/ that the download tests serve
from a loopback HTTP server: mitdb/1.0.0 with two synthetic 2-lead records (format 212,
with .atr), nstdb/1.0.0 with one synthetic noise record (format 16, no .atr), each
directory with RECORDS and SHA256SUMS.txt. Synthetic data only (no PhysioNet content).

Usage: python3 make_download_fixture.py   (run inside Tests/ECGTests/Fixtures)
"""
import hashlib
import os

import numpy as np
import wfdb


def write_dir(path, records, fmt, with_atr):
    os.makedirs(path, exist_ok=True)
    cwd = os.getcwd()
    os.chdir(path)
    t = np.arange(360) / 360.0
    for k, name in enumerate(records):
        sig = np.stack([np.sin(2 * np.pi * (1 + k) * t), 0.5 * np.cos(2 * np.pi * 3 * t)], axis=1)
        wfdb.wrsamp(name, fs=360, units=["mV", "mV"], sig_name=["MLII", "V5"], p_signal=sig,
                    fmt=[fmt, fmt], adc_gain=[200.0, 200.0], baseline=[0, 0])
        if with_atr:
            wfdb.wrann(name, "atr", np.array([50, 150, 250]), np.array(["N", "V", "N"]))
    with open("RECORDS", "w") as f:
        f.write("".join(r + "\n" for r in records))
    files = sorted(x for x in os.listdir(".") if x != "SHA256SUMS.txt")
    with open("SHA256SUMS.txt", "w") as f:
        for name in files:
            f.write(hashlib.sha256(open(name, "rb").read()).hexdigest() + " " + name + "\n")
    os.chdir(cwd)


write_dir("physionet/mitdb/1.0.0", ["r1", "r2"], "212", True)
write_dir("physionet/nstdb/1.0.0", ["nz"], "16", False)
