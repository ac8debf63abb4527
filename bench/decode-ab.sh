#!/usr/bin/env bash
# A/B of decoding alone: OpenCV's imdecode (the decoder before SkiaSharp) against SkiaSharp alone and the reader as
# it is (libjpeg-turbo's API for sequential JPEGs on Linux, libvips for other JPEGs from 1 MP, Skia for the rest),
# on a demo photo and on a 12-megapixel JPEG made from it, median of alternating rounds in one process.
# Needs GTK 3 for OpenCV's runtime (apt-get install libgtk-3-0) and
# ImageMagick's convert for the large photo.
#   bash bench/decode-ab.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-9}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v convert >/dev/null || { echo "decode-ab.sh: needs ImageMagick's convert (apt-get install imagemagick)" >&2; exit 1; }
photo=$(ls datasets/default_dataset/*.jpg 2>/dev/null | head -1)
[[ -n "$photo" ]] || { echo "decode-ab.sh: no demo photos yet: run the main job once first" >&2; exit 1; }
cp "$photo" "$work/demo-1920.jpg"
convert "$photo" -resize 4000x3000! -quality 92 "$work/large-12mp.jpg"
dotnet build bench/DecodeBench -c Release -v q -nologo >/dev/null
echo "$(date -u +%F), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $rounds rounds"
echo
dotnet bench/DecodeBench/bin/Release/net10.0/decode-bench.dll "$work/demo-1920.jpg" "$work/large-12mp.jpg" --rounds "$rounds"
