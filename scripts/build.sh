#!/usr/bin/env bash
# Installs the packages, configures and builds fundsim (Release) into build/.
#   scripts/build.sh            every target (the program, tests, benchmarks)
#   scripts/build.sh fundsim    only the named targets
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
if (($#)); then
  cmake --build build -j "$(nproc)" --target "$@"
else
  cmake --build build -j "$(nproc)"
fi
