#!/usr/bin/env bash
# Puts encode and cluster on PATH: publishes both (Release, framework-dependent, this platform's native libraries
# only) into one folder, then prints the line that adds it to PATH and names the models folder beside it.
#   bash tools/install.sh [FOLDER]     (default ~/.local/share/faceclustering)
# Run it again after a `git pull` to update; remove the folder to uninstall.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:-$HOME/.local/share/faceclustering}
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;;
  Linux-aarch64) rid=linux-arm64 ;;
  Darwin-arm64) rid=osx-arm64 ;;
  Darwin-x86_64) rid=osx-x64 ;;
  *) echo "install.sh: no runtime identifier known for $(uname -s) $(uname -m)" >&2; exit 2 ;;
esac
mkdir -p "$folder"
for project in Encode Cluster; do
  echo "publishing $project into $folder" >&2
  dotnet publish "src/FaceClustering.$project" -c Release -r "$rid" --self-contained false -o "$folder" -v q -nologo >/dev/null
done
echo "installed encode and cluster in $folder. Add this line to ~/.bashrc (or run it now):" >&2
echo "export PATH=\"$folder:\$PATH\" FACECLUSTERING_MODELS=\"$folder/models\""
