#!/usr/bin/env bash
# Builds hog_reference against Debian's libdlib-dev and writes dlib's HOG boxes (upsample 1, as
# face_recognition) for the dev photos and the default dataset, the parity yardstick of the HOG port.
#   apt-get install libdlib-dev && bash tools/dlib-hog-reference/make_fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
g++ -O3 -march=native -std=c++17 tools/dlib-hog-reference/hog_reference.cpp $(pkg-config --cflags --libs dlib-1) -o /tmp/hog_reference
out=tests/FaceClustering.Tests/Fixtures/dlib-hog/reference.jsonl
{
  (cd ../shared/datasets && find dev/images -type f | sort | xargs /tmp/hog_reference)
  (cd datasets && find default_dataset -type f -name '*.jpg' | sort | xargs /tmp/hog_reference)
} > "$out"
echo "wrote $out ($(wc -l < "$out") photos)"
