#!/usr/bin/env bash
# What the pose buys average linkage on the dev set and the LFW tune split: distances by pose, and BCubed F (whole
# set and each half) with the poses as encoded and unknown. Encodes each set once (cached in .cache/quality/,
# shared with bench/quality.sh).
#   bash bench/pose.sh [THRESHOLD,...]      (default 0.5,0.55,0.6)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/datasets
cache=.cache/quality
mkdir -p "$cache"
dotnet build src/FaceClustering.Encode -c Release -v q -nologo >/dev/null
dotnet build bench/PoseBench -c Release -v q -nologo >/dev/null
echo "$(date -u +%F), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
for set in dev lfw-tune; do
  if [[ ! -d "$shared/$set" ]]; then echo "bench/pose.sh: $shared/$set is missing: that set is left out" >&2; continue; fi
  if [[ ! -f "$cache/$set.msgpack" ]]; then
    echo "encoding $shared/$set/images (once)" >&2
    src/FaceClustering.Encode/bin/Release/net10.0/encode -i "$shared/$set/images" -e "$cache/$set.msgpack" --quiet >&2
  fi
  echo
  echo "## $set"
  echo
  dotnet bench/PoseBench/bin/Release/net10.0/pose-bench.dll "$cache/$set.msgpack" "$shared/$set/labels.csv" "${1:-0.5,0.55,0.6}"
done
