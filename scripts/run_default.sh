#!/usr/bin/env bash
# Quick start 1: installs, builds, and runs the default experiment
# configs/us_japan_fund.yaml; prints where the results are and a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh fundsim
exec build/fundsim run configs/us_japan_fund.yaml --force "$@"
