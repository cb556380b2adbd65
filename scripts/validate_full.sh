#!/usr/bin/env bash
# Full-size validation (docs/validation.md): Granovetter, Bass (2,000
# worlds), Watts (N = 10,000, 1,000 worlds for each of 16 mean degrees), the
# independent reference comparison, the AIIB calibration (both targets), the
# figures docs/img/validation_*.png and runs/validation/summary.json.
#
#   scripts/validate_full.sh [BUILD_DIR]        (default: build)
#
# Builds the fundsim target in BUILD_DIR if needed.  FUNDSIM_THREADS sets
# the thread count of the runs (default: all cores).  Extra arguments after
# BUILD_DIR go to tests/validation/full.py (e.g. --quick, --only watts).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
shift || true
if [ ! -x "$build/fundsim" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
  cmake --build "$build" -j"$(nproc)" --target fundsim
fi
export FUNDSIM_BIN="$build/fundsim"
export FUNDSIM_THREADS="${FUNDSIM_THREADS:-$(nproc)}"
export MPLBACKEND=Agg
cd "$root"
/usr/bin/python3 tests/validation/build_aiib_data.py --check
time /usr/bin/python3 tests/validation/full.py --out "$root/runs/validation" "$@"
