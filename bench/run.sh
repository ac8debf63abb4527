#!/usr/bin/env bash
# The benchmark: clustering against scikit-learn at several sizes, dlib's HOG detector against ours, and encoding
# throughput per detector against face-api, in one run on this machine, printing a markdown table with ratios
# measured in the same run (machines are noisy: compare only numbers from one run).
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
# dlib's HOG detector, built from Debian's libdlib-dev, is the yardstick of the HOG port.
if ! pkg-config --exists dlib-1 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libdlib-dev >/dev/null
fi
dotnet build bench/ClusterBench -c Release -v q -nologo >/dev/null || exit 1
dotnet build bench/HogBench -c Release -v q -nologo >/dev/null || exit 1
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
  # The default algorithm on the same faces, against our DBSCAN in this run (the target: at most twice its time).
  linkage=$(dotnet bench/ClusterBench/bin/Release/net10.0/cluster-bench.dll "$n" --algorithm average-linkage)
  ratio=$(awk -v a="$(field seconds "$ours")" -v b="$(field seconds "$linkage")" 'BEGIN { printf "%.2f", a / b }')
  echo "| average linkage (the default), $n faces | $(field seconds "$linkage") s, $(field peak_mib "$linkage") MiB | our DBSCAN $(field seconds "$ours") s | $ratio | $machine |"
done

if [[ -d "$photos" || "$photos" == datasets/default_dataset ]]; then
  [[ -d "$photos" ]] || dotnet src/FaceClustering.Encode/bin/Release/net10.0/encode.dll -i "$photos" -e "$work/restore.msgpack" -q >/dev/null 2>&1
  mapfile -t jpegs < <(find "$photos" -type f \( -iname '*.jpg' -o -iname '*.jpeg' \) | sort)
  (( ${#jpegs[@]} > 0 )) || { echo "bench/run.sh: no JPEG photos in $photos" >&2; exit 1; }

  # The HOG detector against dlib's own, one thread each, on the same photos; three alternating rounds, the
  # median round counts. Both see the first photo twice and drop the first result (a warm-up).
  if g++ -O3 -march=native -std=c++17 tools/dlib-hog-reference/hog_reference.cpp $(pkg-config --cflags --libs dlib-1) -o "$work/hog_reference" 2>/dev/null; then
    mean_ms() { tail -n +2 | /usr/bin/python3 -c "import sys,json; r=[json.loads(l) for l in sys.stdin]; print(sum(x['ms'] for x in r)/len(r))"; }
    for round in 1 2 3; do
      "$work/hog_reference" "${jpegs[0]}" "${jpegs[@]}" > "$work/dlib$round.jsonl"
      dotnet bench/HogBench/bin/Release/net10.0/hog-bench.dll "${jpegs[0]}" "${jpegs[@]}" > "$work/ours$round.jsonl"
      echo "$(mean_ms < "$work/dlib$round.jsonl") $(mean_ms < "$work/ours$round.jsonl")"
    done > "$work/hog_rounds.txt"
    read -r dlib_ms ours_ms < <(sort -n -k2 "$work/hog_rounds.txt" | sed -n 2p)
    same=$(/usr/bin/python3 -c "
import json,sys
a=[json.loads(l)['faces'] for l in open(sys.argv[1])][1:]; b=[json.loads(l)['faces'] for l in open(sys.argv[2])][1:]
n=sum(len(x) for x in a); m=sum(1 for x,y in zip(a,b) for f in x if any(all(abs(f[i]-g[i])<=1 for i in range(4)) for g in y))
print(f'{m} of {n} dlib boxes matched within 1 px, {sum(len(y) for y in b)} ours')" "$work/dlib1.jsonl" "$work/ours1.jsonl")
    ratio=$(awk -v a="$dlib_ms" -v b="$ours_ms" 'BEGIN { printf "%.2f", a / b }')
    printf '| HOG detector (upsample 1, 1 thread), %d photos of %s | %.0f ms/photo | dlib 19.24 get_frontal_face_detector (g++ -O3 -march=native) %.0f ms/photo | %s, %s | %s |\n' \
      "${#jpegs[@]}" "$photos" "$ours_ms" "$dlib_ms" "$ratio" "$same" "$machine"
  else
    echo "| HOG detector | | dlib could not be built (apt-get install libdlib-dev) | | $machine |"
  fi

  # Encoding is measured on the JPEG photos copied until there are at least 30 (the demo folder has 6), so
  # both tools are past their warm-up for most of the run (first inferences, arenas, JIT).
  mkdir -p "$work/encode"
  copies=$(( (29 + ${#jpegs[@]}) / ${#jpegs[@]} ))
  for ((k = 1; k <= copies; k++)); do
    for f in "${jpegs[@]}"; do cp "$f" "$work/encode/$k-$(basename "$f")"; done
  done
  mapfile -t encode_jpegs < <(find "$work/encode" -type f | sort)
  set_name="${#encode_jpegs[@]} photos ($photos x $copies)"

  # The encode baseline: face-api 1.7.15 under Node (TF.js wasm), two processes, each on half of the photos.
  # It runs before and after ours (these machines are noisy) and the mean of the two is the baseline.
  faceapi_fps() {
    local half=$(( (${#encode_jpegs[@]} + 1) / 2 ))
    node bench/faceapi/encode.js "${encode_jpegs[@]:0:$half}" > "$work/f1.json" &
    node bench/faceapi/encode.js "${encode_jpegs[@]:$half}" > "$work/f2.json"
    wait
    /usr/bin/python3 -c "import json,sys; r=[json.load(open(f)) for f in sys.argv[1:]]; print(sum(x['faces'] for x in r), '%.2f' % (sum(x['faces'] for x in r) / max(x['seconds'] for x in r)))" "$work/f1.json" "$work/f2.json"
  }
  have_faceapi=""
  if command -v npm >/dev/null 2>&1 && (cd bench/faceapi && npm install --no-audit --no-fund --silent >/dev/null 2>&1); then
    have_faceapi=1
    read -r fa_faces fa_before < <(faceapi_fps)
  fi
  # cnn (8-bit, the default) and hog at face_recognition's default of one upsampling (faces down to about 40 px),
  # cnn in float (face-api's own arithmetic), and cnn without upsampling (faces from about 80 px).
  rows=()
  for settings in "-d cnn" "-d cnn --precision float" "-d hog" "-d cnn --upsample 0"; do
    read -r -a args <<<"$settings"
    out=$( { /usr/bin/time -f "peak_kib=%M" dotnet src/FaceClustering.Encode/bin/Release/net10.0/encode.dll -i "$work/encode" -e "$work/e.msgpack" "${args[@]}" -q; } 2>&1 )
    summary=$(grep "images/s" <<<"$out" | sed 's/ -> .*//')
    peak=$(( $(sed -n 's/.*peak_kib=\([0-9]*\).*/\1/p' <<<"$out") / 1024 ))
    rows+=("$settings"$'\t'"$summary"$'\t'"$peak")
  done
  baseline="face-api under Node: npm missing"
  fa_fps=""
  if [[ -n "$have_faceapi" ]]; then
    read -r _ fa_after < <(faceapi_fps)
    fa_fps=$(awk -v a="$fa_before" -v b="$fa_after" 'BEGIN { printf "%.2f", (a + b) / 2 }')
    baseline="face-api 1.7.15 under Node (wasm), 2 processes: $fa_faces faces, $fa_fps faces/s (runs before and after ours: $fa_before, $fa_after)"
  fi
  for row in "${rows[@]}"; do
    IFS=$'\t' read -r settings summary peak <<<"$row"
    ours_fps=$(sed -n 's/.* \([0-9.]*\) faces\/s.*/\1/p' <<<"$summary")
    ratio=""
    [[ -n "$fa_fps" ]] && ratio=$(awk -v a="$ours_fps" -v b="$fa_fps" 'BEGIN { printf "%.2f (faces/s, ours / baseline)", a / b }')
    echo "| encode $settings, $set_name | ${summary%%;*}; ${summary#*; } (${peak} MiB peak) | $baseline | $ratio | $machine |"
  done
fi
