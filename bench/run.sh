#!/usr/bin/env bash
# The benchmark: clustering against scikit-learn at several sizes and encoding throughput, in one run on this
# machine, printing a markdown table with ratios measured in the same run (machines are noisy: compare only
# numbers from one run).
#   bash bench/run.sh [SIZES] [PHOTOS]     SIZES default 10000,100000; PHOTOS default datasets/default_dataset
set -uo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-10000,100000}
photos=${2:-datasets/default_dataset}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# scikit-learn as a pip install would bring it: with OpenBLAS (pthreads).
if ! /usr/bin/python3 -c "import sklearn" 2>/dev/null || ! dpkg-query -W libopenblas0-pthread >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn libopenblas0-pthread >/dev/null
fi
dotnet build bench/ClusterBench -c Release -v q -nologo >/dev/null || exit 1
dotnet build src/FaceClustering.Encode -c Release -v q -nologo >/dev/null || exit 1

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
echo "| work | this project | baseline | ratio (baseline time / ours; above 1 = we are faster) | machine |"
echo "|---|---|---|---|---|"
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for n in ${sizes//,/ }; do
  ours=$(dotnet bench/ClusterBench/bin/Release/net10.0/cluster-bench.dll "$n" --vectors "$work/v.f32" --labels "$work/ours.txt")
  # OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE slow a current OpenBLAS down where the machine sets them (see env notes).
  theirs=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE timeout 600 /usr/bin/python3 bench/sklearn_dbscan.py "$work/v.f32" "$work/theirs.txt" 2>&1 | tail -1)
  if [[ "$theirs" == faces=* ]]; then
    same=$(cmp -s "$work/ours.txt" "$work/theirs.txt" && echo "labels equal" || echo "LABELS DIFFER")
    ratio=$(awk -v a="$(field seconds "$theirs")" -v b="$(field seconds "$ours")" 'BEGIN { printf "%.2f", a / b }')
    echo "| DBSCAN, $n faces | $(field seconds "$ours") s, $(field peak_mib "$ours") MiB | scikit-learn $(field seconds "$theirs") s, $(field peak_mib "$theirs") MiB | $ratio, $same | $machine |"
  else
    echo "| DBSCAN, $n faces | $(field seconds "$ours") s, $(field peak_mib "$ours") MiB | scikit-learn did not finish in 10 min | | $machine |"
  fi
done

if [[ -d "$photos" || "$photos" == datasets/default_dataset ]]; then
  out=$( { /usr/bin/time -f "peak_kib=%M" dotnet src/FaceClustering.Encode/bin/Release/net10.0/encode.dll -i "$photos" -e "$work/e.msgpack" -q; } 2>&1 )
  summary=$(grep "images/s" <<<"$out" | sed 's/ -> .*//')
  peak=$(( $(sed -n 's/.*peak_kib=\([0-9]*\).*/\1/p' <<<"$out") / 1024 ))
  ours_fps=$(sed -n 's/.* \([0-9.]*\) faces\/s.*/\1/p' <<<"$summary")
  # The baseline: face-api 1.7.15 under Node (TF.js wasm), two processes, each on half of the JPEG photos.
  baseline="face-api under Node: npm missing"
  ratio=""
  if command -v npm >/dev/null 2>&1 && (cd bench/faceapi && npm install --no-audit --no-fund --silent >/dev/null 2>&1); then
    mapfile -t jpegs < <(find "$photos" -type f \( -iname '*.jpg' -o -iname '*.jpeg' \) | sort)
    half=$(( (${#jpegs[@]} + 1) / 2 ))
    node bench/faceapi/encode.js "${jpegs[@]:0:$half}" > "$work/f1.json" &
    node bench/faceapi/encode.js "${jpegs[@]:$half}" > "$work/f2.json"
    wait
    read -r fa_faces fa_seconds < <(/usr/bin/python3 -c "import json,sys; r=[json.load(open(f)) for f in sys.argv[1:]]; print(sum(x['faces'] for x in r), max(x['seconds'] for x in r))" "$work/f1.json" "$work/f2.json")
    fa_fps=$(awk -v f="$fa_faces" -v s="$fa_seconds" 'BEGIN { printf "%.2f", f / s }')
    baseline="face-api 1.7.15 under Node (wasm), 2 processes: $fa_faces faces, $fa_fps faces/s"
    ratio=$(awk -v a="$ours_fps" -v b="$fa_fps" 'BEGIN { printf "%.2f (faces/s, ours / baseline)", a / b }')
  fi
  echo "| encode -d cnn, $photos | ${summary#*; } (${peak} MiB peak) | $baseline | $ratio | $machine |"
fi
