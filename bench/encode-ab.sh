#!/usr/bin/env bash
# A/B: encode of a baseline commit's build against the working tree's, in alternating rounds, on the demo photos
# (copied until there are 30) and on 12-megapixel photos the bench makes; wall time, throughput and minor page
# faults of each, and whether both wrote the same encodings.
#   bash bench/encode-ab.sh [BASELINE] [ROUNDS]   (BASELINE default 6b22208: the last commit decoding with OpenCvSharp)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-6b22208}
rounds=${2:-3}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
command -v convert >/dev/null || { echo "encode-ab.sh: needs ImageMagick's convert (apt-get install imagemagick) to make the 12-MP photos" >&2; exit 1; }

git worktree add -q --detach "$work/base" "$base"
dotnet build "$work/base/src/FaceClustering.Encode" -c Release -v q -nologo >/dev/null
dotnet build src/FaceClustering.Encode -c Release -v q -nologo >/dev/null
declare -A tool=([baseline]="$work/base/src/FaceClustering.Encode/bin/Release/net10.0/encode"
                 [ours]="src/FaceClustering.Encode/bin/Release/net10.0/encode")
models=$(pwd)/models
[[ -d "$models" ]] || { echo "encode-ab.sh: no models/ here yet: run the main job once first" >&2; exit 1; }

mkdir -p "$work/demo" "$work/large"
photos=(datasets/default_dataset/*.jpg)
for ((k = 0; k < 30; k++)); do cp "${photos[k % ${#photos[@]}]}" "$work/demo/$k.jpg"; done
for ((k = 0; k < 4; k++)); do convert "${photos[k % ${#photos[@]}]}" -resize 4000x3000! -quality 92 "$work/large/$k.jpg"; done

echo "$(date -u +%F), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; baseline $(git rev-parse --short "$base")"
echo
echo "| photos | build | seconds (median of $rounds) | images/s | minor page faults | encodings |"
echo "|---|---|---|---|---|---|"
for set in demo large; do
  declare -A times=() faults=()
  for ((r = 0; r < rounds; r++)); do
    for build in baseline ours; do
      out=$(/usr/bin/time -f "%e %R" "${tool[$build]}" -i "$work/$set" -e "$work/$set-$build.msgpack" --models "$models" -j 2 --quiet 2>&1 >/dev/null | tail -1)
      times[$build]+="${out% *} "
      faults[$build]+="${out#* } "
    done
  done
  same=$(/usr/bin/python3 - "$work/$set-baseline.msgpack" "$work/$set-ours.msgpack" <<'PY' 2>/dev/null || echo "not compared (python3-msgpack missing)"
import sys, msgpack
def faces(p):
    with open(p, 'rb') as f:
        u = msgpack.Unpacker(f, raw=False); next(u)
        return sorted((r['imagePath'].split('/')[-1], tuple(r['loc']), tuple(round(x, 5) for x in r['encoding'])) for r in u)
a, b = faces(sys.argv[1]), faces(sys.argv[2])
print('the same %d faces' % len(a) if a == b else 'DIFFER (%d vs %d faces)' % (len(a), len(b)))
PY
)
  n=$(ls "$work/$set" | wc -l)
  for build in baseline ours; do
    median=$(tr ' ' '\n' <<<"${times[$build]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    fault=$(tr ' ' '\n' <<<"${faults[$build]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    rate=$(awk -v n="$n" -v t="$median" 'BEGIN { printf "%.2f", n / t }')
    echo "| $set ($n) | $build | $median | $rate | $fault | $same |"
  done
done
