"""PyTorch CPU eager reference for `dancer bench` — a measurement tool, not a dependency.

Measures, for the same architectures as the Swift zoo (dancer_torch.py), with 2 threads:
inference segments/s at batch 64 and batch 1, batch-1 latency, one training step
(forward + backward + Adam, batch 64, 512 samples) and, with --holter, the 24-hour
pipeline: read a WFDB format-16 record in chunks, segment 512 with 50 % overlap,
peak-normalise, infer at batch 64, overlap-add with the same tapered window, write
format 16. Each figure is the median of repeated runs after warm-up.

    python3 scripts/reference/bench_torch.py --models dancer,unet [--holter /tmp/holter24.hea] [--json]
"""
import argparse
import json
import math
import os
import platform
import resource
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dancer_torch import UNetFamily, loss_fn  # noqa: E402

LENGTH = 512


def median_time(fn, reps, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_input(batch, scale=1.0):
    """The same deterministic input as ModelBenchmark.input in Swift (three sinusoids, phase per segment)."""
    t = np.arange(LENGTH, dtype=np.float64)[None, :]
    b = np.arange(batch, dtype=np.float64)[:, None]
    v = 0.6 * np.sin(2 * np.pi * t / 180 + 0.7 * b) + 0.25 * np.sin(2 * np.pi * t / 23 + 1.3 * b) + 0.05 * np.cos(2 * np.pi * t / 7)
    return torch.from_numpy((scale * v).astype(np.float32)).unsqueeze(1)


def bench_model(model_id, reps):
    torch.manual_seed(0)
    net = UNetFamily(model_id)
    x64 = bench_input(64)
    x1 = bench_input(1)
    net.eval()
    with torch.inference_mode():
        t64 = median_time(lambda: net(x64), reps)
        t1 = median_time(lambda: net(x1), reps * 30)
    net.train()
    target = bench_input(64, 0.8)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def step():
        loss = loss_fn(net(x64), target)
        opt.zero_grad()
        loss.backward()
        opt.step()

    ts = median_time(step, reps)
    return {
        "model": model_id,
        "parameters": sum(p.numel() for p in net.parameters()),
        "inferenceBatch64": 64 / t64,
        "inferenceBatch1": 1 / t1,
        "latencyBatch1Milliseconds": t1 * 1e3,
        "trainingStepMilliseconds": ts * 1e3,
        "peakMemoryMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def read_header(path):
    with open(path) as f:
        lines = [l for l in f.read().splitlines() if l and not l.startswith("#")]
    name, nsig, fs, n = lines[0].split()[:4]
    signals = []
    for line in lines[1 : 1 + int(nsig)]:
        parts = line.split()
        assert parts[1].split("x")[0] == "16", "only format 16 is read here"
        gain = float(parts[2].split("(")[0].split("/")[0])
        baseline = int(parts[2].split("(")[1].split(")")[0]) if "(" in parts[2] else 0
        signals.append((parts[0], gain, baseline))
    return int(nsig), float(fs), int(n), signals


def holter(path, out_path, chunk=1 << 20, batch=64):
    """The 24-h pipeline, chunked: peak memory stays at a few chunks."""
    torch.manual_seed(0)
    net = UNetFamily("dancer").eval()
    nsig, fs, n, signals = read_header(path)
    data = np.memmap(os.path.join(os.path.dirname(path), signals[0][0]), dtype="<i2", mode="r", shape=(n, nsig))
    hop = LENGTH // 2
    t = np.arange(LENGTH)
    window = np.maximum(0.5 - 0.5 * np.cos(2 * np.pi * (t + 0.5) / LENGTH), 1e-3).astype(np.float32)
    starts_all = list(range(0, n - LENGTH + 1, hop))
    if starts_all[-1] + LENGTH < n:
        starts_all.append(n - LENGTH)
    starts_all = np.array(starts_all)
    out = open(out_path, "wb")
    seg_per_chunk = chunk // hop
    carry = [np.zeros(0, np.float64) for _ in range(nsig)]
    carry_w = np.zeros(0, np.float64)
    emitted = 0
    i = 0
    with torch.inference_mode():
        while i < len(starts_all):
            j = min(len(starts_all), i + seg_per_chunk)
            last = j == len(starts_all)
            starts = starts_all[i:j]
            lo, hi = starts[0], starts[-1] + LENGTH
            block = np.asarray(data[lo:hi], dtype=np.float32)  # [samples, leads]
            acc_len = hi - emitted
            outs = []
            w = np.zeros(acc_len, np.float64)
            w[: len(carry_w)] += carry_w
            for s in starts:
                w[s - emitted : s - emitted + LENGTH] += window
            for lead in range(nsig):
                x = (block[:, lead] - signals[lead][2]) / signals[lead][1]
                segs = np.lib.stride_tricks.sliding_window_view(x, LENGTH)[starts - lo]
                means = segs.mean(axis=1, keepdims=True)
                centred = segs - means
                peaks = np.abs(centred).max(axis=1, keepdims=True) + 1e-8
                inp = torch.from_numpy(np.ascontiguousarray(centred / peaks, dtype=np.float32)).unsqueeze(1)
                y = torch.cat([net(inp[b : b + batch]) for b in range(0, len(inp), batch)]).squeeze(1).numpy()
                y = (y * peaks + means) * window
                acc = np.zeros(acc_len, np.float64)
                acc[: len(carry[lead])] += carry[lead]
                for k, s in enumerate(starts):
                    acc[s - emitted : s - emitted + LENGTH] += y[k]
                outs.append(acc)
            final = acc_len if last else starts_all[j] - emitted  # later segments start there
            result = np.stack([o[:final] / w[:final] for o in outs], axis=1)
            out.write(np.clip(np.round(result * 1000), -32768, 32767).astype("<i2").tobytes())
            carry = [o[final:] for o in outs]
            carry_w = w[final:]
            emitted += final
            i = j
    out.close()
    with open(out_path.replace(".dat", ".hea"), "w") as f:
        f.write(f"{os.path.basename(out_path)[:-4]} {nsig} {fs:g} {n}\n")
        for name, _, _ in signals:
            f.write(f"{os.path.basename(out_path)} 16 1000 16 0 0 0 0 {name}\n")
    return emitted


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="dancer,unet")
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--holter", help="a WFDB format-16 .hea to denoise end to end")
    parser.add_argument("--holter-out", default="/tmp/holter24_torch.dat")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    report = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "machine": platform.processor() or platform.machine(),
        "models": [],
    }
    if args.models:
        for m in args.models.split(","):
            report["models"].append(bench_model(m, args.repetitions))
    if args.holter:
        start = time.perf_counter()
        n = holter(args.holter, args.holter_out)
        report["holter"] = {
            "seconds": time.perf_counter() - start,
            "samplesPerLead": n,
            "peakMemoryMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"torch {report['torch']}, {report['threads']} threads")
    print(f"{'model':<16}{'params':>9}{'seg/s b64':>11}{'seg/s b1':>10}{'lat b1 ms':>11}{'train ms':>10}{'peak MiB':>10}")
    for r in report["models"]:
        print(f"{r['model']:<16}{r['parameters']:>9}{r['inferenceBatch64']:>11.0f}{r['inferenceBatch1']:>10.0f}"
              f"{r['latencyBatch1Milliseconds']:>11.2f}{r['trainingStepMilliseconds']:>10.1f}{r['peakMemoryMiB']:>10.0f}")
    if "holter" in report:
        h = report["holter"]
        print(f"24-h holter: {h['seconds']:.1f} s for {h['samplesPerLead']} samples/lead, peak {h['peakMemoryMiB']:.0f} MiB")


if __name__ == "__main__":
    main()
