#!/usr/bin/env bash
# Trains benchmark cells one after another and evaluates each one that finishes: the job
# behind the checkpoints in Models/ and the tables in docs/results/.
#
#   scripts/train-cells.sh OUT_DIR model:noise:seed [model:noise:seed ...]
#   scripts/train-cells.sh runs dancer:emb:1 unet:emb:1 dancer:bw:1
#
# Each cell is `dancer train --model M --noise N --seed S` with the protocol's defaults
# (STEPS optimiser steps, cosine schedule, validation every 500 steps) into OUT_DIR/M-N-S.zip,
# then `dancer eval` of that checkpoint: the whole test set with the real stress-test records
# (OUT_DIR/eval-M-N-S.json, noise seed S) and the registry's quick check
# (OUT_DIR/quick-M-N-S.json). Run it again after an interruption: finished cells are skipped,
# the interrupted one resumes from its last saved state (`--resume`), evaluations that are
# already there are not redone. A cell that fails is reported and skipped (exit status 1 at
# the end). It prints how to register each finished cell.
#
# Environment: DANCER (the binary; default .build/release/dancer, copied to OUT_DIR first so a
# rebuild does not disturb a running job), DANCER_DATA_DIR (default ../shared/data), STEPS
# (default 10000), NICE (default 5), TRAIN_FLAGS (more `dancer train` flags for every cell, e.g.
# "--similarity-weight 0"; such runs are not the protocol's: give them their own OUT_DIR).
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
out_arg=$1
shift
data=${DANCER_DATA_DIR:-$root/../shared/data}
steps=${STEPS:-10000}
niceness=${NICE:-5}
source_binary=${DANCER:-$root/.build/release/dancer}
read -r -a train_flags <<< "${TRAIN_FLAGS:-}"

for cell in "$@"; do
  IFS=: read -r model noise seed extra <<< "$cell"
  if [ -z "$model" ] || [ -z "$noise" ] || [ -z "$seed" ] || [ -n "${extra:-}" ] || ! [[ "$seed" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: cell '$cell' is not model:noise:seed (seed a positive integer), e.g. dancer:emb:1" >&2
    exit 2
  fi
done
[ -x "$source_binary" ] || { echo "error: $source_binary is not an executable dancer binary (run 'make build' or set DANCER)" >&2; exit 2; }
[ -d "$data/mitdb" ] || { echo "error: $data has no mitdb/ (set DANCER_DATA_DIR)" >&2; exit 2; }
out=$(mkdir -p "$out_arg" && cd "$out_arg" && pwd)

binary=$out/.dancer-bin
# A temp name of its own, so two queues started at once into one OUT_DIR do not race on it.
staged=$(mktemp "$binary.XXXXXX")
cp "$source_binary" "$staged" && chmod 755 "$staged" && mv "$staged" "$binary"
export DANCER_MODELS_DIR=$root
failed=()

for cell in "$@"; do
  IFS=: read -r model noise seed <<< "$cell"
  name=$model-$noise-$seed
  checkpoint=$out/$name.zip
  # A failed cell (diverged, killed, bad data) is reported and skipped; the queue goes on.
  if [ ! -f "$checkpoint.done" ]; then
    echo "$(date +%T) train $name"
    if ! nice -n "$niceness" "$binary" train --model "$model" --noise "$noise" --seed "$seed" --steps "$steps" \
      --schedule cosine --validate-every 500 --data-dir "$data" -o "$checkpoint" --resume ${train_flags[@]+"${train_flags[@]}"} \
      >> "$out/$name.log" 2>&1; then
      echo "$(date +%T) FAILED training $name (see $out/$name.log)" >&2
      failed+=("$name")
      continue
    fi
    date +%FT%T > "$checkpoint.done"
  fi
  if [ ! -f "$out/eval-$name.json" ]; then
    echo "$(date +%T) evaluate $name"
    nice -n "$niceness" "$binary" eval --model "$model" --checkpoint "$checkpoint" --noise "$noise" --first-seed "$seed" \
      --nst --data-dir "$data" -o "$out/eval-$name.json" >> "$out/$name.log" 2>&1 \
      || { echo "$(date +%T) FAILED evaluating $name (see $out/$name.log)" >&2; failed+=("$name"); continue; }
  fi
  if [ ! -f "$out/quick-$name.json" ]; then
    nice -n "$niceness" "$binary" eval --model "$model" --checkpoint "$checkpoint" --noise "$noise" --first-seed "$seed" \
      --snr 0 --segments 256 --data-dir "$data" -o "$out/quick-$name.json" >> "$out/$name.log" 2>&1 \
      || { echo "$(date +%T) FAILED the quick check of $name (see $out/$name.log)" >&2; failed+=("$name"); continue; }
  fi
  echo "$(date +%T) done $name"
done

echo
echo "To ship a cell (run 1 keeps the plain name, run r is <noise>-run<r>; docs/protocol.md \"Runs and their checkpoints\"):"
echo "  cp $out/M-N-S.zip Models/M/M-NAME.zip && python3 scripts/register-checkpoint.py M NAME"
echo "  then evaluate the registered runs together (dancer eval --model M --checkpoint N --runs K --nst -o docs/results/evals/M-N.json)"
echo "  and record each: python3 scripts/register-checkpoint.py M NAME --full docs/results/evals/M-N.json --quick $out/quick-M-N-S.json"
if [ ${#failed[@]} -gt 0 ]; then
  echo "error: ${#failed[@]} cell(s) failed: ${failed[*]}" >&2
  exit 1
fi
