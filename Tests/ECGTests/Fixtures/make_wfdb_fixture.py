#!/usr/bin/env python3
"""Produces wfdb_expected.json: reference values for MIT-BIH records 100 and 103,
computed with the Python `wfdb` package (independent of the Swift decoder).

Usage: python3 make_wfdb_fixture.py /path/to/shared/data/mitdb > wfdb_expected.json
"""
import json
import sys

import numpy as np
import wfdb

BEATS = set("NLRBAaJSVrFejnE/fQ?")


def record_fixture(directory, name):
    rec = wfdb.rdrecord(f"{directory}/{name}", physical=False)
    digital = rec.d_signal.astype(np.int64)
    physical = wfdb.rdrecord(f"{directory}/{name}").p_signal
    n = digital.shape[0]
    indices = list(range(0, 20)) + list(range(1000, 1010)) + list(range(n // 2, n // 2 + 10)) + list(range(n - 10, n))
    ann = wfdb.rdann(f"{directory}/{name}", "atr")
    return {
        "record": name,
        "sampleRate": float(rec.fs),
        "sampleCount": int(n),
        "leadNames": list(rec.sig_name),
        "gain": [float(g) for g in rec.adc_gain],
        "baseline": [int(b) for b in rec.baseline],
        "indices": indices,
        "digital": [[int(digital[i, c]) for i in indices] for c in range(digital.shape[1])],
        "physical": [[float(physical[i, c]) for i in indices] for c in range(digital.shape[1])],
        "digitalSum": [int(digital[:, c].sum()) for c in range(digital.shape[1])],
        "digitalSumOfSquares": [int((digital[:, c] ** 2).sum()) for c in range(digital.shape[1])],
        "annotationCount": int(len(ann.sample)),
        "beatCount": int(sum(1 for s in ann.symbol if s in BEATS)),
        "firstAnnotations": [{"sample": int(s), "symbol": sym} for s, sym in zip(ann.sample[:25], ann.symbol[:25])],
        "lastAnnotationSample": int(ann.sample[-1]),
        "firstAux": ann.aux_note[0].rstrip("\x00"),
    }


if __name__ == "__main__":
    directory = sys.argv[1] if len(sys.argv) > 1 else "../../../../shared/data/mitdb"
    out = {"generator": f"wfdb {wfdb.__version__}", "records": [record_fixture(directory, r) for r in ("100", "103")]}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")
