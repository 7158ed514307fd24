#!/usr/bin/env bash
# Builds the libFuzzer harnesses of scripts/fuzz/ into .build/fuzz/ and runs each for FUZZ_SECONDS.
#
#   bash scripts/fuzz/run.sh                      # all targets, 60 s each (what `make fuzz` runs)
#   FUZZ_SECONDS=600 bash scripts/fuzz/run.sh safetensors
#
# Targets: wfdb-header (WFDBHeader), safetensors (SafeTensorsFile(data:)), checkpoint (Checkpoint.read).
# Environment:
#   FUZZ_SECONDS    seconds per target (default 60)
#   FUZZ_BUILD_DIR  build, corpus and crash directory (default <repo>/.build/fuzz)
#   FUZZ_SANITIZE   swiftc -sanitize= value (default fuzzer,address)
#   FUZZ_ARGS       extra libFuzzer flags, e.g. "-seed=1" or "-use_value_profile=1"
#   SWIFTC          the Swift compiler (default: swiftc on PATH)
# The seed corpus comes from the repository (WFDB fixtures, the safetensors fixture, Models/unet) and is
# copied into $FUZZ_BUILD_DIR/corpus/<target>; the fuzzer never writes into Models/ or Tests/.
# Crashing inputs land in $FUZZ_BUILD_DIR/crashes/<target>/; the script exits 1 if any target crashed.
# A crash is reproduced with: .build/fuzz/fuzz-<target> <crash-file>
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/fuzz"
OUT="${FUZZ_BUILD_DIR:-$ROOT/.build/fuzz}"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
SANITIZE="${FUZZ_SANITIZE:-fuzzer,address}"
SWIFTC="${SWIFTC:-$(command -v swiftc || true)}"
[ -n "$SWIFTC" ] || { echo "fuzz: swiftc not found (set SWIFTC or put the Swift toolchain on PATH)" >&2; exit 2; }
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(wfdb-header safetensors checkpoint)

OBJ="$OUT/obj"
mkdir -p "$OBJ"
# -O keeps runs fast; -assert-config Debug keeps the standard library's debug bounds checks (as in `swift test`).
SWIFTFLAGS=(-swift-version 5 -use-ld=lld -parse-as-library -O -assert-config Debug -gline-tables-only
            "-sanitize=$SANITIZE" -I "$OBJ" -I "$ROOT/Sources/CZip" -I "$ROOT/Sources/CBLAS" -I "$OBJ/CAllocator")
for flag in $(pkg-config --cflags openblas libzip 2>/dev/null); do SWIFTFLAGS+=(-Xcc "$flag"); done
LINKFLAGS=($(pkg-config --libs openblas libzip 2>/dev/null || echo -lopenblas -lzip))

# Whether $1 is missing or older than any file after it.
stale() {
    local target="$1"; shift
    [ -e "$target" ] || return 0
    [ -n "$(find "$@" -newer "$target" -print -quit 2>/dev/null)" ]
}

# build_module <Name> <deps...>: Sources/<Name> -> $OBJ/<Name>.o + .swiftmodule (rebuilt when stale).
build_module() {
    local name="$1"; shift
    local sources=()
    mapfile -t sources < <(find "$ROOT/Sources/$name" -name '*.swift' -not -path '*.docc/*' | sort)
    local deps=()
    for d in "$@"; do deps+=("$OBJ/$d.swiftmodule"); done
    if stale "$OBJ/$name.o" "${sources[@]}" "${deps[@]}" "${BASH_SOURCE[0]}"; then
        echo "fuzz: compiling $name"
        "$SWIFTC" "${SWIFTFLAGS[@]}" -module-name "$name" -wmo -c "${sources[@]}" \
            -emit-module -emit-module-path "$OBJ/$name.swiftmodule" -o "$OBJ/$name.o"
        touch "$OBJ/$name.o" "$OBJ/$name.swiftmodule"   # swiftc keeps unchanged outputs' old mtimes
    fi
}

build_callocator() {
    mkdir -p "$OBJ/CAllocator"
    local header="$ROOT/Sources/CAllocator/include/CAllocator.h"
    printf 'module CAllocator {\n    header "%s"\n    export *\n}\n' "$header" > "$OBJ/CAllocator/module.modulemap"
    if stale "$OBJ/CAllocator.o" "$ROOT/Sources/CAllocator"; then
        echo "fuzz: compiling CAllocator"
        "$(dirname "$SWIFTC")/clang" -O2 -c "$ROOT/Sources/CAllocator/CAllocator.c" \
            -I "$ROOT/Sources/CAllocator/include" -o "$OBJ/CAllocator.o"
    fi
}

# link_fuzzer <target> <Entry.swift> <objects...>
link_fuzzer() {
    local target="$1" entry="$2"; shift 2
    local objects=()
    for o in "$@"; do objects+=("$OBJ/$o.o"); done
    if stale "$OUT/fuzz-$target" "$HERE/$entry" "${objects[@]}"; then
        echo "fuzz: linking fuzz-$target"
        "$SWIFTC" "${SWIFTFLAGS[@]}" -module-name "Fuzz_${target//-/_}" "$HERE/$entry" "${objects[@]}" \
            "${LINKFLAGS[@]}" -o "$OUT/fuzz-$target"
    fi
}

build_target() {
    case "$1" in
    wfdb-header)
        build_module Random
        build_module ECG Random
        link_fuzzer wfdb-header FuzzWFDBHeader.swift Random ECG ;;
    safetensors)
        build_module AtomicFiles
        build_module SafeTensors AtomicFiles
        link_fuzzer safetensors FuzzSafeTensors.swift AtomicFiles SafeTensors ;;
    checkpoint)
        build_callocator
        build_module Random
        build_module AtomicFiles
        build_module Tensors Random
        build_module Layers Tensors Random
        build_module SafeTensors AtomicFiles
        build_module ZipArchive AtomicFiles
        build_module ECG Random
        build_module DenoiserKit ECG Layers Tensors SafeTensors ZipArchive Random
        build_module Blocks Layers Tensors Random
        build_module UNet Blocks DenoiserKit ECG Layers Tensors Random
        link_fuzzer checkpoint FuzzCheckpoint.swift CAllocator Random AtomicFiles Tensors Layers SafeTensors \
            ZipArchive ECG DenoiserKit Blocks UNet ;;
    *) echo "fuzz: unknown target '$1' (wfdb-header, safetensors, checkpoint)" >&2; exit 2 ;;
    esac
}

# Seeds: copied (never linked) from the repository into a scratch directory.
SEEDS="$(mktemp -d "${TMPDIR:-/tmp}/dancer-fuzz-seeds.XXXXXX")"
# The checkpoint harness writes every input to a file: keep it in memory when /dev/shm exists.
DANCER_FUZZ_SCRATCH="$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/dancer-fuzz-scratch.XXXXXX")"
export DANCER_FUZZ_SCRATCH
export DANCER_FUZZ_REGISTRY="$ROOT/Registry.json"
trap 'rm -rf "$SEEDS" "$DANCER_FUZZ_SCRATCH"' EXIT
make_seeds() {
    local target="$1" dir="$SEEDS/$1"
    mkdir -p "$dir"
    case "$target" in
    wfdb-header)
        find "$ROOT/Tests/ECGTests/Fixtures" -name '*.hea' -exec cp {} "$dir/" \;
        printf '100 2 360 650000\n100.dat 212 200 11 1024 995 -22131 0 MLII\n100.dat 212 200 11 1024 1011 20052 0 V5\n# 69 M 1085 1629 x1\n' > "$dir/mitdb-100.hea"
        printf 'rec 1 250/1000(0) 10\nrec.dat 16x2:1+512 100(-5)/uV 16 0 0 0 0 lead I\n' > "$dir/variants.hea" ;;
    safetensors)
        cp "$ROOT/Tests/SafeTensorsTests/Fixtures/"*.safetensors "$dir/"
        # The real unet weights are 2.7 MB: keep their header (valid JSON, cut data) as a seed.
        if command -v unzip >/dev/null && [ -f "$ROOT/Models/unet/unet-emb.zip" ]; then
            unzip -p "$ROOT/Models/unet/unet-emb.zip" weights.safetensors | head -c 32768 > "$dir/unet-emb-weights-head" || true
        fi
        DANCER_FUZZ_WRITE_SEEDS="$SEEDS/generated" "$OUT/fuzz-checkpoint" >/dev/null 2>&1 \
            && cp "$SEEDS/generated/safetensors/"* "$dir/" || true ;;
    checkpoint)
        DANCER_FUZZ_WRITE_SEEDS="$SEEDS/generated" "$OUT/fuzz-checkpoint" >/dev/null 2>&1
        cp "$SEEDS/generated/checkpoint/"* "$dir/" ;;
    esac
}

MAXLEN_wfdb_header=4096
MAXLEN_safetensors=32768
MAXLEN_checkpoint=32768

for t in "${TARGETS[@]}"; do build_target "$t"; done
# The safetensors seeds include the tiny unet weights written by the checkpoint harness.
if [[ " ${TARGETS[*]} " == *" safetensors "* ]] && [ ! -x "$OUT/fuzz-checkpoint" ]; then build_target checkpoint; fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}"
# Swift's own crash backtracer would race libFuzzer's and ASan's handlers on a trap: leave traps to them.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
SUMMARY=()
FAILED=0
for t in "${TARGETS[@]}"; do
    make_seeds "$t"
    corpus="$OUT/corpus/$t" crashes="$OUT/crashes/$t" log="$OUT/logs/$t.log"
    mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
    cp -n "$SEEDS/$t/"* "$corpus/" 2>/dev/null || true
    maxlen_var="MAXLEN_${t//-/_}"
    dict=()
    [ -f "$HERE/$t.dict" ] && dict=("-dict=$HERE/$t.dict")
    echo "fuzz: running fuzz-$t for ${SECONDS_PER_TARGET}s (corpus $corpus, log $log)"
    status=0
    # shellcheck disable=SC2086
    "$OUT/fuzz-$t" "$corpus" "${dict[@]}" -max_total_time="$SECONDS_PER_TARGET" -max_len="${!maxlen_var}" \
        -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$crashes/" \
        ${FUZZ_ARGS:-} > "$log" 2>&1 || status=$?
    execs=$(grep -o 'stat::number_of_executed_units:[[:space:]]*[0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
    rate=$(grep -o 'stat::average_exec_per_sec:[[:space:]]*[0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
    cov=$(grep -E '^#[0-9]+' "$log" | grep -o 'cov: [0-9]* ft: [0-9]*' | tail -1)
    if [ "$status" -ne 0 ]; then
        FAILED=1
        verdict="CRASH (exit $status): $(grep -o 'Test unit written to .*' "$log" | head -1 | sed 's/Test unit written to //')"
    else
        verdict="no crash"
    fi
    SUMMARY+=("$(printf '%-12s %10s execs %7s exec/s  %-18s %s' "$t" "$execs" "$rate" "${cov:-cov: ?}" "$verdict")")
done

echo
echo "fuzz: summary (${SECONDS_PER_TARGET}s per target; logs in $OUT/logs)"
for line in "${SUMMARY[@]}"; do echo "  $line"; done
exit "$FAILED"
