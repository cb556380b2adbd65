#!/usr/bin/env bash
# Fuzzes the experiment loader and the CSV readers with libFuzzer (Debian's
# clang and libclang-rt-14-dev), under ASan + UBSan (float-cast overflow
# included). Seeds: configs/, tests/invalid/, tests/fuzz_regressions/.
# A crash, hang or sanitizer report is saved into tests/fuzz_regressions/
# (commit it: the suite's FuzzRegressions case replays every file there) and
# the script exits non-zero.
#
#   scripts/fuzz.sh                 # CI: 60 s per target
#   scripts/fuzz.sh 3600 -jobs=8 -workers=8   # nightly: an hour per target, 8 processes
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} 
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFUNDSIM_FUZZ=ON \
  -DFUNDSIM_BUILD_TESTS=OFF -DFUNDSIM_BUILD_BENCH=OFF -DFUNDSIM_WITH_MPI=OFF "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_experiment fuzz_csv

seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds/experiment" "$seeds/csv" build-fuzz/corpus/experiment build-fuzz/corpus/csv
cp configs/*.yaml configs/*/*.yaml tests/invalid/*.yaml "$seeds/experiment/"
# The CSV target's first byte picks the file: even = governments.csv, odd = ties.csv.
for f in configs/data/governments.csv tests/invalid/data/countries_*.csv; do
  { printf '0'; cat "$f"; } > "$seeds/csv/g_$(basename "$f")"
done
for f in configs/data/ties.csv tests/invalid/data/ties_*.csv; do
  { printf '1'; cat "$f"; } > "$seeds/csv/t_$(basename "$f")"
done
mkdir -p tests/fuzz_regressions/experiment tests/fuzz_regressions/csv
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for target in experiment csv; do
  echo "== fuzz_$target: ${seconds} s"
  build-fuzz/tests/fuzz/fuzz_"$target" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix=tests/fuzz_regressions/"$target"/ "$@" \
    build-fuzz/corpus/"$target" "$seeds/$target" tests/fuzz_regressions/"$target" || status=1
done
exit $status
