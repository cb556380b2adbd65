#!/usr/bin/env bash
# Quick start 2: installs, builds, and runs every test (C++ through ctest,
# Python checks through ctest too).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 1200
