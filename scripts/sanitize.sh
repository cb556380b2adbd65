#!/usr/bin/env bash
# The suite under AddressSanitizer + UBSan (float-cast overflow included;
# every UBSan report is fatal), in build-asan/. LeakSanitizer runs with
# tests/sanitizer/lsan.supp, which suppresses only Open MPI's own
# allocations (docs/reliability.md). Extra arguments go to ctest, e.g.
#   scripts/sanitize.sh -R 'ExperimentFile|RunFolderGuard'
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFUNDSIM_SANITIZE=ON -DFUNDSIM_BUILD_BENCH=OFF \
  "${launcher[@]}" >/dev/null
cmake --build build-asan -j"$(nproc)" --target fundsim fundsim_tests
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 1800 "$@"
