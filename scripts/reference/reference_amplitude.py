#!/usr/bin/env python3
"""How loud were the seed's clean references? A diagnostic for docs/protocol.md, finding 6.

A table row that gives both the output SNR (dB) and the RMSE (mV) of the same segments
implies the amplitude of their clean references: SNR = 20·log10(rms(x) / rms(x − x̂)), so
rms(x) ≈ RMSE · 10^(SNR/20) (exact for one segment; for means over segments it is within a
few per cent, as our own rows show). This script prints that implied amplitude for every
row of the seed README's emb table (from ../shared/docs/PROTOCOL.md) and of ours (from
docs/results/evals/*-emb.json, pooled and MLII), and beside them the mean RMS of the
segments of the test records those evaluations name, measured directly: with and without
the protocol's mean-centring, and scaled per segment to [0, 1] (min-max), a common ECG
pre-processing. For the last it also prints the share of the segments' power in their mean:
were the seed's references scaled that way and SNR measured on them uncentred, returning a
noisy segment's mean (centred noise leaves it the clean one's) would score that SNR.

    python3 scripts/reference/reference_amplitude.py [--protocol FILE] [--mitdb DIR] [--evals DIR]

Defaults: ../shared/docs/PROTOCOL.md beside the repository, $DANCER_DATA_DIR/mitdb (else
../shared/data/mitdb), docs/results/evals. Standard library only (reads WFDB format 212 itself).
"""
import argparse
import glob
import json
import math
import os
import re
from statistics import fmean

LEVELS = ["−4", "−2", "0", "2", "4"]


def seed_rows(protocol_path):
    """The seed README's emb rows: {model: [(snr, rmse), ...]}."""
    if not os.path.isfile(protocol_path):
        raise SystemExit(f"{protocol_path}: missing (give the shared PROTOCOL.md with --protocol)")
    rows = {}
    in_table = False
    for line in open(protocol_path, encoding="utf-8"):
        if line.startswith("## The numbers to reproduce"):
            in_table = True
            continue
        if in_table and line.startswith("## "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if in_table and len(cells) == 6 and "/" in cells[1]:
            rows[cells[0]] = [tuple(float(v) for v in c.split("/")) for c in cells[1:]]
    if not rows:
        raise SystemExit(f"{protocol_path}: found no seed table under '## The numbers to reproduce'")
    return rows


def our_rows(evals_dir):
    """Our emb rows, run means, and the test records they share:
    ({model: (pooled [(snr, rmse)], MLII [(snr, rmse)])}, [record])."""
    rows, records = {}, None
    for path in sorted(glob.glob(os.path.join(evals_dir, "*-emb.json"))):
        report = json.load(open(path, encoding="utf-8"))
        if records is not None and report.get("testRecords") != records:
            raise SystemExit(f"{path}: test records {report.get('testRecords')} differ from the other evaluations' {records}")
        records = report.get("testRecords")
        pooled, mlii = [], []
        for level in report["levels"]:
            for target, runs in ((pooled, level["runs"]), (mlii, level.get("byLead", {}).get("MLII", []))):
                if runs:
                    target.append((fmean(r["snrOut"] for r in runs), fmean(r["rmse"] for r in runs)))
        rows[report["model"]] = (pooled, mlii)
    if not rows:
        raise SystemExit(f"{evals_dir}: no *-emb.json evaluation files")
    if not records:
        raise SystemExit(f"{evals_dir}: the evaluations name no test records")
    return rows, records


def implied(row):
    return [rmse * 10 ** (snr / 20) for snr, rmse in row]


def read_format_212(record_path):
    """Both leads of a two-signal format-212 WFDB record, in physical units: [(name, [mV])]."""
    for suffix in (".hea", ".dat"):
        if not os.path.isfile(record_path + suffix):
            raise SystemExit(f"{record_path}{suffix}: missing (give the MIT-BIH folder with --mitdb)")
    header = open(record_path + ".hea", encoding="ascii").read().splitlines()
    length = int(header[0].split()[3])
    leads = []
    for line in header[1:3]:
        fields = line.split()
        if fields[1] != "212":
            raise SystemExit(f"{record_path}.hea: expected format 212, found {fields[1]}")
        gain = float(re.match(r"[0-9.]+", fields[2]).group())
        leads.append((fields[-1], gain, int(fields[4])))
    raw = open(record_path + ".dat", "rb").read()
    count = len(raw) // 3
    low, middle, high = raw[0:3 * count:3], raw[1:3 * count:3], raw[2:3 * count:3]
    first = [a | ((m & 0x0F) << 8) for a, m in zip(low, middle)]
    second = [c | ((m & 0xF0) << 4) for c, m in zip(high, middle)]
    signals = []
    for samples, (name, gain, zero) in zip((first, second), leads):
        signals.append((name, [((v - 4096 if v > 2047 else v) - zero) / gain for v in samples[:length]]))
    return signals


def measured_amplitudes(mitdb, records, segment=512):
    """Mean RMS of the records' non-overlapping segments, {(leads, scaling): value}, scaling one
    of "centred", "raw", "min-max"; and the mean share of the min-max segments' power in their
    mean, 10·log10(P / P_centred) dB, {leads: value}."""
    values, shares = {}, {}
    for record in records:
        for index, (_, signal) in enumerate(read_format_212(os.path.join(mitdb, record))):
            groups = ("both leads", "MLII") if index == 0 else ("both leads",)
            for start in range(0, len(signal) - segment + 1, segment):
                piece = signal[start:start + segment]
                square = math.fsum(v * v for v in piece) / segment
                mean = math.fsum(piece) / segment
                low, span = min(piece), max(piece) - min(piece)
                entries = [("centred", max(square - mean * mean, 0)), ("raw", square)]
                if span > 0:
                    scaled = [(v - low) / span for v in piece]
                    scaled_square = math.fsum(v * v for v in scaled) / segment
                    scaled_mean = math.fsum(scaled) / segment
                    entries.append(("min-max", scaled_square))
                    share = 10 * math.log10(scaled_square / (scaled_square - scaled_mean ** 2))
                    for leads in groups:
                        shares.setdefault(leads, []).append(share)
                for scaling, power in entries:
                    for leads in groups:
                        values.setdefault((leads, scaling), []).append(math.sqrt(power))
    return {key: fmean(v) for key, v in values.items()}, {key: fmean(v) for key, v in shares.items()}


def table(title, rows):
    print(f"\n{title}\n")
    print("| row | " + " | ".join(LEVELS) + " |")
    print("|---|" + "---|" * len(LEVELS))
    for name, values in rows:
        print(f"| {name} | " + " | ".join(f"{v:.3f}" for v in values) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    repository = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    shared = os.path.join(repository, "..", "shared")
    data = os.environ.get("DANCER_DATA_DIR") or os.path.join(shared, "data")
    parser.add_argument("--protocol", default=os.path.join(shared, "docs", "PROTOCOL.md"))
    parser.add_argument("--mitdb", default=os.path.join(data, "mitdb"))
    parser.add_argument("--evals", default=os.path.join(repository, "docs", "results", "evals"))
    args = parser.parse_args()
    seed = seed_rows(args.protocol)
    ours, records = our_rows(args.evals)
    measured, shares = measured_amplitudes(args.mitdb, records)
    table("Implied reference amplitude, mV (RMSE · 10^(SNR/20)), seed README, emb",
          [(name, implied(row)) for name, row in seed.items()])
    table("Implied reference amplitude, mV, ours, emb, both leads pooled",
          [(name, implied(pooled)) for name, (pooled, _) in ours.items()])
    table("Implied reference amplitude, mV, ours, emb, MLII segments",
          [(name, implied(mlii)) for name, (_, mlii) in ours.items() if mlii])
    print("\nMeasured mean RMS of the 512-sample test segments, mV (min-max: unitless)\n")
    print("| leads | mean-centred (the protocol) | not centred | min-max to [0, 1] | "
          "power in the min-max mean, dB |")
    print("|---|---|---|---|---|")
    for leads in ("both leads", "MLII"):
        print(f"| {leads} | {measured[(leads, 'centred')]:.3f} | {measured[(leads, 'raw')]:.3f} | "
              f"{measured[(leads, 'min-max')]:.3f} | {shares[leads]:.2f} |")

if __name__ == "__main__":
    main()
