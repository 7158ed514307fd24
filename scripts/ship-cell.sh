#!/usr/bin/env bash
# Ships the finished runs of one benchmark cell (model × noise type) that scripts/train-cells.sh
# trained into OUT_DIR: the archives go to Models/, Registry.json records their sha256 and
# metrics, docs/results/evals/<model>-<noise>.json holds the evaluation of every shipped run,
# and docs/results is regenerated.
#
#   scripts/ship-cell.sh OUT_DIR model noise
#   scripts/ship-cell.sh /work/runs/full dancer emb
#
# Runs 1, 2, … of the cell are shipped in order (run 1 as Models/M/M-<noise>.zip, run r as
# M-<noise>-run<r>.zip; docs/protocol.md "Runs and their checkpoints"). A run comes from
# OUT_DIR/M-<noise>-<r>.zip when train-cells finished it, or is the one already registered;
# the first run that is neither ends the list, and a finished run after that gap is an error.
# A finished run replaces the archive registered under its name.
# Then: the release binary is rebuilt (it embeds Registry.json), every shipped run is
# evaluated together (`dancer eval --checkpoint <noise> --runs K --nst`), each run's own numbers
# and its quick check (OUT_DIR/quick-M-<noise>-<r>.json, when there) are registered,
# `dancer report` rewrites docs/results, and the release binary is rebuilt once more so that it
# embeds the new metrics (`dancer verify --metrics quick`). Running it again redoes the
# evaluation and the report.
#
# Environment: DANCER (a dancer binary to use instead of rebuilding .build/release/dancer; then
# neither rebuild happens), DANCER_DATA_DIR (default ../shared/data).
set -euo pipefail

if [ $# -ne 3 ]; then
  sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
out=$1
model=$2
noise=$3
data=${DANCER_DATA_DIR:-$root/../shared/data}
case "$noise" in emb|bw|ma|em) ;; *) echo "error: noise '$noise' is not one of emb, bw, ma, em" >&2; exit 2 ;; esac
[ -d "$out" ] || { echo "error: $out is not a directory (the OUT_DIR of scripts/train-cells.sh)" >&2; exit 2; }
[ -d "$data/mitdb" ] || { echo "error: $data has no mitdb/ (set DANCER_DATA_DIR)" >&2; exit 2; }

# registered <name>: whether Registry.json lists checkpoint <name> of the model.
registered() {
  python3 - "$root/Registry.json" "$model" "$1" <<'PY'
import json, sys
registry = json.load(open(sys.argv[1]))
entry = next((m for m in registry["models"] if m["id"] == sys.argv[2]), None)
sys.exit(0 if entry and any(c["name"] == sys.argv[3] for c in entry["checkpoints"]) else 1)
PY
}
name_of() { if [ "$1" -eq 1 ]; then echo "$noise"; else echo "$noise-run$1"; fi; }

# The runs to ship: 1 … runs, each finished in OUT_DIR or already registered.
runs=0
fresh=()
while true; do
  run=$((runs + 1))
  if [ -f "$out/$model-$noise-$run.zip.done" ]; then
    fresh+=("$run")
  elif ! registered "$(name_of "$run")"; then
    break
  fi
  runs=$run
done
for later in "$out/$model-$noise-"*.zip.done; do
  [ -e "$later" ] || continue
  number=${later#"$out/$model-$noise-"}
  number=${number%.zip.done}
  if [[ "$number" =~ ^[0-9]+$ ]] && [ "$number" -gt "$runs" ]; then
    echo "error: run $number of $model/$noise is finished in $out, but run $((runs + 1)) is neither finished there nor registered; runs ship in order" >&2
    exit 2
  fi
done
[ "$runs" -gt 0 ] || { echo "error: $model/$noise has no finished run in $out ($model-$noise-1.zip.done) and none registered" >&2; exit 2; }

mkdir -p "$root/Models/$model"
for run in ${fresh[@]+"${fresh[@]}"}; do
  target=$root/Models/$model/$model-$(name_of "$run").zip
  if ! cmp -s "$out/$model-$noise-$run.zip" "$target"; then
    cp "$out/$model-$noise-$run.zip" "$target.partial" && mv "$target.partial" "$target"
  fi
  python3 "$root/scripts/register-checkpoint.py" "$model" "$(name_of "$run")"
done

# build_release: rebuilds .build/release/dancer, which embeds Registry.json.
build_release() {
  echo "building the release binary (it embeds Registry.json)"
  (cd "$root" && swift build -c release --product dancer >/dev/null)
}
if [ -n "${DANCER:-}" ]; then
  binary=$DANCER
else
  build_release
  binary=$root/.build/release/dancer
fi
export DANCER_MODELS_DIR=$root

report=$root/docs/results/evals/$model-$noise.json
mkdir -p "$root/docs/results/evals"
echo "evaluating $runs run(s) of $model/$noise"
"$binary" eval --model "$model" --checkpoint "$noise" --runs "$runs" --noise "$noise" --nst --data-dir "$data" -o "$report"
for run in $(seq 1 "$runs"); do
  quick=()
  [ -f "$out/quick-$model-$noise-$run.json" ] && [[ " ${fresh[*]-} " == *" $run "* ]] && quick=(--quick "$out/quick-$model-$noise-$run.json")
  python3 "$root/scripts/register-checkpoint.py" "$model" "$(name_of "$run")" --full "$report" ${quick[@]+"${quick[@]}"}
done

"$binary" report --evals "$root/docs/results/evals" --checkpoints "$root/Models" --out "$root/docs/results" --data-dir "$data"
[ -n "${DANCER:-}" ] || build_release
echo
echo "shipped $runs run(s) of $model/$noise. Next: bash scripts/render-results.sh; update"
echo "docs/training-plan.md; commit."
