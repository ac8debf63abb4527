#!/usr/bin/env bash
# Regenerates the HOG detector's filter file from dlib's own frontal_face_detector.h (Debian libdlib-dev).
#   apt-get install libdlib-dev && bash tools/dlib-hog-filters/make_filters.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
g++ -O2 -std=c++17 tools/dlib-hog-filters/export_filters.cpp $(pkg-config --cflags --libs dlib-1) -o /tmp/export_filters
out=src/FaceClustering.Core/Detection/Hog/dlib_frontal_face_filters.txt
/tmp/export_filters > "$out.tmp" && mv "$out.tmp" "$out"
echo "wrote $out ($(grep -c '^row' "$out") separable filters)"
