#!/usr/bin/env bash
# hog against cnn on the labelled dev photos (../shared/datasets/dev): speed and recall, one run, one table.
#   bash bench/detectors.sh [UPSAMPLE]      (default 1, face_recognition's default)
set -uo pipefail
cd "$(dirname "$0")/.."
dev=../shared/datasets/dev
[[ -d "$dev" ]] || { echo "bench/detectors.sh: $dev is not present beside the repository"; exit 1; }
upsample=${1:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/FaceClustering.Encode -c Release -v q -nologo >/dev/null || exit 1
dotnet build src/FaceClustering.Cluster -c Release -v q -nologo >/dev/null || exit 1
people=$(tail -n +2 "$dev/groups.csv" | cut -d, -f2 | tr ';' '\n' | grep -c .)
labelled=$(tail -n +2 "$dev/labels.csv" | grep -vc ',_group$')
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "| detector (--upsample $upsample) | dev set, $(find "$dev/images" -type f | wc -l) photos, $(nproc) workers | labelled photos with a face | faces in the group photos ($people people) | BCubed F (cluster --truth) | machine |"
echo "|---|---|---|---|---|---|"
for detector in cnn hog; do
  summary=$(dotnet src/FaceClustering.Encode/bin/Release/net10.0/encode.dll -i "$dev/images" -e "$work/$detector.msgpack" -d "$detector" --upsample "$upsample" -q 2>/dev/null | sed 's/ -> .*//')
  dotnet src/FaceClustering.Cluster/bin/Release/net10.0/cluster.dll -e "$work/$detector.msgpack" -o "$work/out-$detector" --truth "$dev/labels.csv" -q > "$work/cluster-$detector.txt" 2>&1
  found=$(tail -n +2 "$work/out-$detector/clusters.csv" | cut -d, -f1 | sort -u | grep -vc '/_group/')
  group=$(tail -n +2 "$work/out-$detector/clusters.csv" | grep -c '/_group/')
  bcubed=$(sed -n 's/.*BCubed precision [0-9.]* recall [0-9.]* F \([0-9.]*\).*/\1/p' "$work/cluster-$detector.txt")
  echo "| $detector | ${summary#*; }; ${summary%%;*} | $found of $labelled | $group | $bcubed | $machine |"
done
