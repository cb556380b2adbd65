#!/usr/bin/env bash
# fundsim benchmark driver (SPEC §10; bench/README.md explains every figure).
#
#   bench/run_bench.sh [--quick]
#
# Builds Release in build-bench/ (FUNDSIM_BENCH_BUILD overrides), then prints
# markdown to stdout (build and progress go to stderr):
#   1. fundsim_bench_kernel: per-world cost, fundsim vs the hand-written loop;
#   2. bench/numpy_cascade.py: the NumPy/SciPy peer (skipped without SciPy);
#   3. end-to-end `fundsim run`: worlds/s and agent-steps/s with --threads 1
#      and --threads $(nproc), parallel efficiency T1 / (Tp x p);
#   4. peak memory (max RSS) of the 1,000-government cascade at 2,000 vs
#      40,000 worlds (target: ratio <= 1.5).
# Each end-to-end figure is the median of FUNDSIM_BENCH_REPS runs (default 3;
# --quick: 1 run and smaller counts). Results go to a temporary folder that
# is removed at the end. Nothing here fails on a slow time: it reports.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FUNDSIM_BENCH_BUILD:-$root/build-bench}
reps=${FUNDSIM_BENCH_REPS:-3}
quick=0
[[ ${1:-} == --quick ]] && quick=1 && reps=1
cores=$(nproc)
python=/usr/bin/python3
time_bin=/usr/bin/time
if [[ ! -x $time_bin ]]; then
  echo "run_bench.sh: $time_bin is missing; install Debian's 'time' package (apt-get install time)" >&2
  exit 2
fi

echo "building Release in $build ..." >&2
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DFUNDSIM_BUILD_BENCH=ON -DFUNDSIM_BUILD_TESTS=OFF >&2
# Built one by one: while another part of the tree is mid-edit, the rest still runs.
have_kernel=1 have_cli=1
cmake --build "$build" -j"$cores" --target fundsim_bench_kernel >&2 || have_kernel=0
cmake --build "$build" -j"$cores" --target fundsim >&2 || have_cli=0
fundsim=$build/fundsim
scratch=$(mktemp -d "${TMPDIR:-/tmp}/fundsim-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

echo "# fundsim benchmark"
echo
echo "- machine: $cores cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/{print $2}') GiB"
echo "- fundsim $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') ($(git -C "$root" status --porcelain 2>/dev/null | grep -c . || true) files changed in the tree), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share this machine)"
echo

# --- 1. kernel --------------------------------------------------------------
echo "running fundsim_bench_kernel ..." >&2
if ((!have_kernel)); then echo "Kernel benchmark skipped: fundsim_bench_kernel did not build (see stderr)."
elif ((quick)); then "$build/bench/fundsim_bench_kernel" --reps 3 --scale 0.5
else "$build/bench/fundsim_bench_kernel" --reps 7; fi
echo

# --- 2. NumPy/SciPy peer ----------------------------------------------------
echo "running the NumPy/SciPy peer ..." >&2
if "$python" -c 'import numpy, scipy' 2>/dev/null; then
  if ((quick)); then "$python" "$root/bench/numpy_cascade.py" --worlds-1k 100 --worlds-10k 10 --reps 3
  else "$python" "$root/bench/numpy_cascade.py"; fi
else
  echo "NumPy/SciPy peer skipped: $python cannot import numpy and scipy (apt-get install python3-scipy)"
fi
echo

if ((!have_cli)); then
  echo "End-to-end and memory benchmarks skipped: the fundsim command did not build (see stderr)."
  exit 1
fi

# --- 3. end to end ----------------------------------------------------------
# run_once CONFIG WORLDS THREADS OUT -> "wall_s cpu_s maxrss_kib"
run_once() {
  local stats=$scratch/time.txt
  "$time_bin" -f '%e %U %S %M' -o "$stats" \
    "$fundsim" run "$1" --worlds "$2" --threads "$3" --out "$4" --force --quiet >/dev/null
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$stats"
}
# median of the first fields of stdin lines (robust to a run slowed by others)
median_line() { sort -n -k1,1 | awk '{a[NR]=$0} END {print a[int((NR + 1) / 2)]}'; }
# governments per point, from the run's governments.csv (one row each)
governments_of() {
  local out=$1 points
  points=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["points"])' "$out/manifest.json")
  echo $(( ($(wc -l <"$out/governments.csv") - 1) / points ))
}
steps_of() { "$python" -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["steps"] * m["points"])' "$1/manifest.json"; }

if ((quick)); then experiments=("configs/us_japan_fund.yaml 500" "configs/bench/cascade_10k.yaml 40" "configs/bench/cascade_1k.yaml 500")
else experiments=("configs/us_japan_fund.yaml 2000" "configs/bench/cascade_10k.yaml 200" "configs/bench/cascade_1k.yaml 2000"); fi

echo "## End to end: fundsim run (median of $reps runs, wall time)"
echo
echo "| experiment | N | steps | worlds | threads | wall s | CPU s | worlds/s | agent-steps/s | parallel efficiency | CPU s (1) / CPU s (p) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
load_start=$(cut -d' ' -f1 /proc/loadavg)
for entry in "${experiments[@]}"; do
  read -r config worlds <<<"$entry"
  t1="" c1=""
  thread_counts=(1)
  ((cores > 1)) && thread_counts+=("$cores")
  for threads in "${thread_counts[@]}"; do
    echo "fundsim run $config --worlds $worlds --threads $threads (x$reps) ..." >&2
    out=$scratch/run
    line=$(for ((r = 0; r < reps; ++r)); do run_once "$root/$config" "$worlds" "$threads" "$out"; done | median_line)
    read -r wall cpu _ <<<"$line"
    n=$(governments_of "$out")
    steps=$(steps_of "$out")
    [[ -z $t1 ]] && t1=$wall c1=$cpu
    awk -v c="$config" -v n="$n" -v s="$steps" -v w="$worlds" -v t="$threads" -v wall="$wall" -v cpu="$cpu" -v t1="$t1" -v c1="$c1" 'BEGIN {
      wall = (wall > 0 ? wall : 0.01)
      eff = (t == 1 ? "-" : sprintf("%.2f", t1 / (wall * t)))
      work = (t == 1 || cpu <= 0 ? "-" : sprintf("%.2f", c1 / cpu))
      printf "| %s | %d | %d | %d | %d | %.2f | %.2f | %.0f | %.3g | %s | %s |\n", c, n, s, w, t, wall, cpu, w / wall, w * n * s / wall, eff, work
    }'
  done
done
echo
echo "Parallel efficiency = T1 / (Tp x p) with p = $cores (wall times); CPU s = user + sys of the process;"
echo "CPU s (1) / CPU s (p) < 1 is work the threads add (contention, page faults), whatever the machine's load."
load_end=$(cut -d' ' -f1 /proc/loadavg)
awk -v a="$load_start" -v b="$load_end" -v p="$cores" 'BEGIN {
  if (a + 0 > p - 0.5 || b + 0 > p + 0.5)
    printf "\n**Warning:** load average %s -> %s on %d cores while this ran: other processes took cores, so the\nwall-time efficiency above understates fundsim (rerun on an idle machine).\n", a, b, p
}'
echo

# --- 4. memory --------------------------------------------------------------
small=2000 large=40000
((quick)) && large=10000
echo "## Peak memory: configs/bench/cascade_1k.yaml, --threads $cores"
echo
echo "| worlds | wall s | max RSS MiB |"
echo "|---:|---:|---:|"
declare -A rss
for worlds in "$small" "$large"; do
  echo "fundsim run configs/bench/cascade_1k.yaml --worlds $worlds (memory) ..." >&2
  read -r wall _ kib <<<"$(run_once "$root/configs/bench/cascade_1k.yaml" "$worlds" "$cores" "$scratch/mem")"
  rss[$worlds]=$kib
  awk -v w="$worlds" -v wall="$wall" -v kib="$kib" 'BEGIN { printf "| %d | %.2f | %.1f |\n", w, wall, kib / 1024 }'
done
echo
awk -v a="${rss[$small]}" -v b="${rss[$large]}" -v s="$small" -v l="$large" 'BEGIN {
  r = b / a
  printf "Max RSS at %d worlds / at %d worlds: %.2f (target <= 1.5: %s)\n", l, s, r, (r <= 1.5 ? "met" : "NOT met")
}'
