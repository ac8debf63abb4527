#!/usr/bin/env bash
# Outputs A/B: a change that should not change results (a refactor) is checked against a baseline commit's build.
# Both builds encode the demo photos (cnn and hog) and, where ../shared is present, the dev photos; both cluster each
# encodings file with every algorithm. The encodings must be the same face for face and bit for bit (the header's
# creation time aside; keys the header gained are listed), and every results file (clusters.csv, the folders' photos and montages, the page,
# people.json, changes.jsonl, review.csv) byte-identical.
#   bash bench/outputs-ab.sh BASELINE      (prints one line per comparison; exits 1 if any differs)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: bench/outputs-ab.sh BASELINE-COMMIT}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c 'import msgpack' 2>/dev/null ||
  { echo "outputs-ab.sh: needs Debian's python3-msgpack (apt-get install python3-msgpack)" >&2; exit 1; }
[[ -d models ]] || { echo "outputs-ab.sh: no models/ here yet: run the main job once first" >&2; exit 1; }
models=$(pwd)/models

git worktree add -q --detach "$work/base" "$base"
for tree in "$work/base" .; do
  dotnet build "$tree/src/FaceClustering.Encode" -c Release -v q -nologo >/dev/null
  dotnet build "$tree/src/FaceClustering.Cluster" -c Release -v q -nologo >/dev/null
done
declare -A root=([base]="$work/base" [ours]=".")

sets=("demo-cnn datasets/default_dataset cnn" "demo-hog datasets/default_dataset hog")
[[ -d ../shared/datasets/dev ]] && sets+=("dev-cnn ../shared/datasets/dev cnn")
echo "$(date -u +%F), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); baseline $(git rev-parse --short "$base"), ours $(git rev-parse --short HEAD)$(git diff --quiet || echo ' + uncommitted changes')"
status=0
for entry in "${sets[@]}"; do
  read -r name photos method <<<"$entry"
  for build in base ours; do
    out="$work/$build/$name"
    mkdir -p "$out"
    "${root[$build]}/src/FaceClustering.Encode/bin/Release/net10.0/encode" -i "$photos" -d "$method" -e "$out/enc.msgpack" \
      --models "$models" -j 2 --quiet >/dev/null 2>&1 || true
    for algorithm in average-linkage dbscan chinese-whispers; do
      "${root[$build]}/src/FaceClustering.Cluster/bin/Release/net10.0/cluster" -e "$out/enc.msgpack" -o "$out/$algorithm" \
        --algorithm "$algorithm" --people "$out/$algorithm.people.json" -j 2 --quiet >"$out/$algorithm.stdout" 2>/dev/null || true
    done
  done
  same=$(/usr/bin/python3 - "$work/base/$name/enc.msgpack" "$work/ours/$name/enc.msgpack" <<'PY'
import sys, msgpack
def load(p):
    with open(p, 'rb') as f:
        u = msgpack.Unpacker(f, raw=False)
        header = next(u); header.pop('created', None)
        return header, list(u)
(ha, fa), (hb, fb) = load(sys.argv[1]), load(sys.argv[2])
changed = sorted(k for k in ha if k in hb and ha[k] != hb[k])
added = sorted(set(hb) - set(ha))
if fa != fb or changed or set(ha) - set(hb):
    print('DIFFER (%d vs %d faces; header keys changed: %s)' % (len(fa), len(fb), ', '.join(changed) or 'none'))
else:
    print('the same %d faces' % len(fa) + (' (header keys added: %s)' % ', '.join(added) if added else ''))
PY
)
  [[ $same == the* ]] || status=1
  echo "$name: encodings $same"
  for algorithm in average-linkage dbscan chinese-whispers; do
    if diff -r "$work/base/$name/$algorithm" "$work/ours/$name/$algorithm" >/dev/null &&
       cmp -s "$work/base/$name/$algorithm.people.json" "$work/ours/$name/$algorithm.people.json" &&
       diff <(sed "s#$work/base#OUT#g" "$work/base/$name/$algorithm.stdout") <(sed "s#$work/ours#OUT#g" "$work/ours/$name/$algorithm.stdout") >/dev/null; then
      echo "$name: $algorithm results identical ($(find "$work/ours/$name/$algorithm" -type f | wc -l) files, people file, summary)"
    else
      echo "$name: $algorithm results DIFFER"; status=1
    fi
  done
done
exit $status
