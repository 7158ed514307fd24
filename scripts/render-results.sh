#!/usr/bin/env bash
# Renders docs/results/index.html and the comparison figures with headless Chromium (Debian's
# `chromium` package, installed when missing) — the check that the results page displays in a
# real browser — and writes the PNG screenshots beside them:
#   docs/results/index.png              the whole page (first 1200 × 9000 px)
#   docs/results/comparison-<noise>.png each comparison figure
#
#   bash scripts/render-results.sh [docs/results]
set -euo pipefail
cd "$(dirname "$0")/.."
RESULTS="${1:-docs/results}"
if ! command -v chromium >/dev/null; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y chromium >/dev/null; else sudo apt-get install -y chromium >/dev/null; fi
fi
[ -f "$RESULTS/index.html" ] || { echo "render-results: $RESULTS/index.html not found (run \`dancer report\` first)" >&2; exit 2; }

# shot <file> <png> <width> <height>: a screenshot written to a temporary name, then renamed.
shot() {
    local temporary="$2.partial.png"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$3,$4" \
        --screenshot="$temporary" "file://$(pwd)/$1" 2>/dev/null >/dev/null
    [ -s "$temporary" ] || { echo "render-results: chromium wrote no screenshot of $1" >&2; exit 1; }
    mv "$temporary" "$2"
    echo "$2"
}

shot "$RESULTS/index.html" "$RESULTS/index.png" 1200 9000
for svg in "$RESULTS"/comparison-*.svg; do
    [ -e "$svg" ] || continue
    # The SVG's own size: width="W" height="H" on its root element.
    size=$(head -c 400 "$svg" | sed -n 's/.*width="\([0-9.]*\)" height="\([0-9.]*\)".*/\1 \2/p')
    width=${size%% *}; height=${size##* }
    shot "$svg" "${svg%.svg}.png" "${width%.*}" "${height%.*}"
done
