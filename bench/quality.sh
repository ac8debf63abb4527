#!/usr/bin/env bash
# Cluster quality: encodes (once, cached in .cache/quality/) the dev set and the LFW tune split from ../shared,
# then runs every algorithm over a threshold sweep on them and on two seeded synthetic libraries.
#   bash bench/quality.sh [OUT]     (default OUT: bench/results)
# Prints the markdown tables the README shows; writes OUT/quality.csv and OUT/quality.png.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/results}
shared=../shared/datasets
cache=.cache/quality
mkdir -p "$cache" "$out"
dotnet build src/FaceClustering.Encode -c Release -v q -nologo >/dev/null
dotnet build bench/QualityBench -c Release -v q -nologo >/dev/null
encode=src/FaceClustering.Encode/bin/Release/net10.0/encode
sets=()
for set in dev lfw-tune; do
  if [[ ! -d "$shared/$set" ]]; then echo "quality.sh: $shared/$set is missing: that set is left out" >&2; continue; fi
  if [[ ! -f "$cache/$set.msgpack" ]]; then
    echo "encoding $shared/$set/images (once)" >&2
    "$encode" -i "$shared/$set/images" -e "$cache/$set.msgpack" --quiet >&2
  fi
  sets+=(--set "$set" "$cache/$set.msgpack" "$shared/$set/labels.csv")
done
echo "$(date -u +%F), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo
dotnet bench/QualityBench/bin/Release/net10.0/quality-bench.dll "$out" "${sets[@]}"
