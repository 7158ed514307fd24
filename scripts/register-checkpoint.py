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

`dancer verify --metrics quick|full` and the test suite check that the recorded numbers reproduce.
"""
import argparse, hashlib, json, os, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def level_key(snr):
    """Registry key of an input SNR level: m4dB, 0dB, p2dB (RegisteredMetricsCheck.levelKey)."""
    magnitude = ("%g" % abs(snr))
    return "0dB" if snr == 0 else ("m" if snr < 0 else "p") + magnitude + "dB"


def level_metrics(report, prefix=""):
    metrics = {}
    for level in report["levels"]:
        key = level_key(level["snr"])
        metrics[prefix + "snr_out_" + key] = round(level["statistics"]["snrOut"]["mean"], 3)
        metrics[prefix + "rmse_" + key] = round(level["statistics"]["rmse"]["mean"], 4)
    return metrics


def load_report(path, model, name, what):
    with open(path) as f:
        report = json.load(f)
    if report.get("model") != model or report.get("noise") != name:
        sys.exit(f"error: {path} evaluates {report.get('model')}/{report.get('noise')}, not {model}/{name} ({what})")
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("name", help="checkpoint name = noise type (emb, bw, ma, em)")
    parser.add_argument("--full", help="`dancer eval -o` JSON over the whole test set")
    parser.add_argument("--quick", help="`dancer eval --snr 0 --segments N -o` JSON (the quick check)")
    args = parser.parse_args()

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
    if args.full:
        report = load_report(args.full, args.model, args.name, "--full")
        metrics = {k: v for k, v in metrics.items() if k.startswith("check_")}
        metrics["runs"] = len(report["seeds"])
        metrics.update(level_metrics(report))
    if args.quick:
        report = load_report(args.quick, args.model, args.name, "--quick")
        if [level["snr"] for level in report["levels"]] != [0] or len(report["seeds"]) != 1 or report["seeds"][0] != 1:
            sys.exit(f"error: {args.quick}: the quick check is one run (seed 1) at 0 dB only")
        metrics = {k: v for k, v in metrics.items() if not k.startswith("check_")}
        metrics["check_segments"] = report["segmentsPerLevel"]
        metrics.update(level_metrics(report, prefix="check_"))
    if metrics:
        checkpoint["metrics"] = metrics
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
