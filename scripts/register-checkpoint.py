#!/usr/bin/env python3
"""Registers a checkpoint archive of Models/ in Registry.json: sha256 and size, and (optionally)
the metrics that `dancer eval` measured for it. Standard library only; writes atomically.

  # 1. the archive is in place (e.g. `swift package zoo pack dancer run.zip --name emb`)
  python3 scripts/register-checkpoint.py dancer emb
  # 2. evaluate the registered checkpoint: the full protocol and the quick check
  dancer eval --model dancer --checkpoint emb --noise emb --runs 1 -o docs/results/evals/dancer-emb.json
  dancer eval --model dancer --checkpoint emb --noise emb --snr 0 --segments 256 -o /tmp/dancer-emb-quick.json
  # 3. record both
  python3 scripts/register-checkpoint.py dancer emb --full docs/results/evals/dancer-emb.json --quick /tmp/dancer-emb-quick.json

Repeated training runs (PROTOCOL.md "Runs": run r trains with seed r, evaluates with noise seed r):
run 1 keeps the plain name (`emb`), run r is `emb-run<r>` in Models/<id>/<id>-emb-run<r>.zip.
Register every run's archive, then evaluate all runs at once (`dancer eval --checkpoint emb
--runs N` loads emb, emb-run2, …) and record each entry from that one report (its own run's
numbers); each run's quick check uses its own noise seed (`--first-seed r`):
  python3 scripts/register-checkpoint.py dancer emb-run2 --full docs/results/evals/dancer-emb.json --quick /tmp/q2.json

`dancer verify --metrics quick|full` and the test suite check that the recorded numbers reproduce.
"""
import argparse, hashlib, json, os, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def level_key(snr):
    """Registry key of an input SNR level: m4dB, 0dB, p2dB (RegisteredMetricsCheck.levelKey)."""
    magnitude = ("%g" % abs(snr))
    return "0dB" if snr == 0 else ("m" if snr < 0 else "p") + magnitude + "dB"


def parse_run(name):
    """(base, run) of a checkpoint name: emb -> (emb, 1), emb-run3 -> (emb, 3) (CheckpointRuns.parse)."""
    base, marker, digits = name.rpartition("-run")
    if marker and base and digits.isdigit() and digits.isascii() and not digits.startswith("0") and int(digits) >= 2:
        return base, int(digits)
    return name, 1


def level_metrics(report, run, prefix=""):
    """The numbers of the run with noise seed `run` alone, one value per level."""
    index = report["seeds"].index(run)
    metrics = {}
    for level in report["levels"]:
        key = level_key(level["snr"])
        metrics[prefix + "snr_out_" + key] = round(level["runs"][index]["snrOut"], 3)
        metrics[prefix + "rmse_" + key] = round(level["runs"][index]["rmse"], 4)
    return metrics


def load_report(path, model, noise, run, what):
    with open(path) as f:
        report = json.load(f)
    if report.get("model") != model or report.get("noise") != noise:
        sys.exit(f"error: {path} evaluates {report.get('model')}/{report.get('noise')}, not {model}/{noise} ({what})")
    if run not in report.get("seeds", []):
        sys.exit(f"error: {path} has no run with noise seed {run} (seeds {report.get('seeds')}) ({what})")
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("name", help="checkpoint name = noise type (emb, bw, ma, em), or emb-run<r> for run r ≥ 2")
    parser.add_argument("--full", help="`dancer eval -o` JSON over the whole test set")
    parser.add_argument("--quick", help="`dancer eval --snr 0 --segments N -o` JSON (the quick check)")
    args = parser.parse_args()
    noise, run = parse_run(args.name)
    if noise not in ("emb", "bw", "ma", "em"):
        sys.exit(f"error: checkpoint name '{args.name}' is not a noise type (emb, bw, ma, em) or a run of one (emb-run2)")

    registry_path = os.path.join(ROOT, "Registry.json")
    with open(registry_path) as f:
        registry = json.load(f)
    entry = next((m for m in registry["models"] if m["id"] == args.model), None)
    if entry is None:
        sys.exit(f"error: Registry.json has no model '{args.model}'")
    relative = f"Models/{args.model}/{args.model}-{args.name}.zip"
    archive = os.path.join(ROOT, relative)
    if not os.path.isfile(archive):
        sys.exit(f"error: {relative} does not exist (copy it there first, e.g. with `swift package zoo pack`)")
    with open(archive, "rb") as f:
        data = f.read()
    checkpoint = {"name": args.name, "file": relative, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    previous = next((c for c in entry["checkpoints"] if c["name"] == args.name), None)
    metrics = dict(previous.get("metrics", {})) if previous and previous["sha256"] == checkpoint["sha256"] else {}
    if run > 1 and not any(c["name"] == noise for c in entry["checkpoints"]):
        sys.exit(f"error: register run 1 ('{noise}') of {args.model} before '{args.name}'")
    if args.full:
        report = load_report(args.full, args.model, noise, run, "--full")
        loaded = (report.get("runCheckpoints") or [report.get("checkpoint")] * len(report["seeds"]))[report["seeds"].index(run)]
        if loaded not in (args.name, relative, archive):
            sys.exit(f"error: {args.full}: its run {run} loaded {loaded!r}, not {args.name} ({relative})")
        metrics = {k: v for k, v in metrics.items() if k.startswith("check_")}
        metrics["runs"] = 1
        metrics.update(level_metrics(report, run))
    if args.quick:
        report = load_report(args.quick, args.model, noise, run, "--quick")
        if [level["snr"] for level in report["levels"]] != [0] or report["seeds"] != [run]:
            sys.exit(f"error: {args.quick}: the quick check is one run (noise seed {run}, `--first-seed {run}`) at 0 dB only")
        metrics = {k: v for k, v in metrics.items() if not k.startswith("check_")}
        metrics["check_segments"] = report["segmentsPerLevel"]
        metrics.update(level_metrics(report, run, prefix="check_"))
    if metrics:
        # One key order however the entry was built (the evaluation's metrics, then the quick
        # check's), so re-registering a run does not reorder Registry.json.
        checkpoint["metrics"] = dict(sorted(metrics.items(), key=lambda item: item[0].startswith("check_")))
    entry["checkpoints"] = [checkpoint if c["name"] == args.name else c for c in entry["checkpoints"]]
    if previous is None:
        entry["checkpoints"].append(checkpoint)

    handle, temporary = tempfile.mkstemp(dir=ROOT, prefix=".Registry.json.")
    with os.fdopen(handle, "w") as f:
        json.dump(registry, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(temporary, registry_path)
    print(f"registered {relative}: sha256 {checkpoint['sha256'][:12]}…, {len(data)} bytes, {len(metrics)} metrics")


if __name__ == "__main__":
    main()
