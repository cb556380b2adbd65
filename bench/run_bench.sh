#!/usr/bin/env bash
# fundsim benchmark driver (SPEC §10; bench/README.md explains every figure).
#
#   bench/run_bench.sh [--quick] [--issue13]
#
# Builds Release in build-bench/ (FUNDSIM_BENCH_BUILD overrides), then prints
# markdown to stdout (build and progress go to stderr):
#   1. fundsim_bench_kernel: per-world cost, fundsim vs the hand-written loop;
#   2. bench/numpy_cascade.py: the NumPy/SciPy peer (skipped without SciPy);
#   3. end-to-end `fundsim run`: worlds/s and agent-steps/s with --threads 1
#      and --threads $(nproc), parallel efficiency T1 / (Tp x p);
#   4. peak memory (max RSS) of the 1,000-government cascade at 2,000 vs
#      40,000 worlds (target: ratio <= 1.5);
#   5. issue #13's figures, each a ratio of two processes measured side by
#      side: fundsim run vs the hand-written loop (cascade N = 1,000 and
#      10,000), the default end to end vs its kernel, parallel efficiency for
#      4,000 default worlds, agent-steps/s at N = 10^3..10^6, a million
#      default worlds extrapolated from 100,000, and the ratio to Mesa.
# --issue13 runs only part 5. FUNDSIM_BENCH_CMAKE_ARGS adds arguments to the
# configure step (e.g. -DCMAKE_CXX_COMPILER_LAUNCHER=ccache).
# Each end-to-end figure is the median of FUNDSIM_BENCH_REPS runs (default 3;
# --quick: 1 run and smaller counts). Results go to a temporary folder that
# is removed at the end. Nothing here fails on a slow time: it reports.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FUNDSIM_BENCH_BUILD:-$root/build-bench}
reps=${FUNDSIM_BENCH_REPS:-3}
quick=0 only13=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 reps=1 ;;
    --issue13) only13=1 ;;
    *) echo "usage: bench/run_bench.sh [--quick] [--issue13]" >&2; exit 2 ;;
  esac
done
cores=$(nproc)
python=/usr/bin/python3
time_bin=/usr/bin/time
if [[ ! -x $time_bin ]]; then
  echo "run_bench.sh: $time_bin is missing; install Debian's 'time' package (apt-get install time)" >&2
  exit 2
fi

echo "building Release in $build ..." >&2
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DFUNDSIM_BUILD_BENCH=ON -DFUNDSIM_BUILD_TESTS=OFF ${FUNDSIM_BENCH_CMAKE_ARGS:-} >&2
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

if ((!only13)); then
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
echo
fi  # !only13

# --- 5. issue #13: whole process against its references ---------------------
# Every figure is a ratio of two processes timed the same way, one after the
# other: CPU s (user + sys) per world with /usr/bin/time, one thread (robust
# to other processes on the machine), except parallel efficiency and the
# million-world estimate, which are wall time.
if ((!have_kernel || !have_cli)); then
  echo "Issue #13 figures skipped: fundsim_bench_kernel or fundsim did not build (see stderr)."
  exit 1
fi
bench_kernel=$build/bench/fundsim_bench_kernel
# cascade_config N STEPS -> path of configs/bench/cascade_1k.yaml with N governments and STEPS steps
cascade_config() {
  local path=$scratch/cascade_$1_$2.yaml
  sed -e "s/count: 1000}/count: $1}/" -e "s/^  steps: 100$/  steps: $2/" "$root/configs/bench/cascade_1k.yaml" >"$path"
  echo "$path"
}
# time_cpu CMD... -> "cpu_s wall_s maxrss_kib" of one run
time_cpu() {
  local stats=$scratch/time5.txt
  "$time_bin" -f '%e %U %S %M' -o "$stats" "$@" >/dev/null
  awk '{printf "%.3f %s %s\n", $2 + $3, $1, $4}' "$stats"
}
fundsim_1() { time_cpu "$fundsim" run "$1" --worlds "$2" --threads 1 --out "$scratch/r5" --force --quiet; }

if ((quick)); then w1k=2000 w10k=200 wdef=2000 wpar=4000 wmillion=10000
else w1k=20000 w10k=2000 wdef=20000 wpar=4000 wmillion=100000; fi

echo "## Issue #13: the whole process against its references (one run each)"
echo
echo "CPU µs per world = (user + sys) / worlds of the whole process, one thread; ratio = fundsim run / reference."
echo
echo "| experiment | N | steps | worlds | fundsim run µs/world | reference | reference µs/world | ratio | goal |"
echo "|---|---:|---:|---:|---:|---|---:|---:|---|"
for entry in "1000 $w1k" "10000 $w10k"; do
  read -r n worlds <<<"$entry"
  config=$(cascade_config "$n" 40)
  echo "issue 13: cascade N = $n, $worlds worlds: fundsim run, kernel, hand loop ..." >&2
  read -r cpu_run _ <<<"$(fundsim_1 "$config" "$worlds")"
  read -r cpu_kernel _ <<<"$(time_cpu "$bench_kernel" --process kernel "$config" --worlds "$worlds")"
  read -r cpu_hand _ <<<"$(time_cpu "$bench_kernel" --process hand "$config" --worlds "$worlds")"
  for ref in "hand-written loop (process):$cpu_hand:<= 1.5x" "simulate_world only (process):$cpu_kernel:-"; do
    IFS=: read -r name cpu_ref goal <<<"$ref"
    awk -v n="$n" -v w="$worlds" -v a="$cpu_run" -v b="$cpu_ref" -v name="$name" -v goal="$goal" 'BEGIN {
      printf "| Watts cascade z = 4, phi = 0.18 | %d | 40 | %d | %.1f | %s | %.1f | %.2fx | %s |\n", n, w, 1e6 * a / w, name, 1e6 * b / w, a / (b > 0 ? b : 1e-9), goal }'
  done
done
echo "issue 13: default experiment, $wdef worlds: fundsim run, kernel ..." >&2
read -r cpu_run _ <<<"$(fundsim_1 "$root/configs/us_japan_fund.yaml" "$wdef")"
read -r cpu_kernel _ <<<"$(time_cpu "$bench_kernel" --process kernel "$root/configs/us_japan_fund.yaml" --worlds "$wdef")"
awk -v w="$wdef" -v a="$cpu_run" -v b="$cpu_kernel" 'BEGIN {
  printf "| default (configs/us_japan_fund.yaml) | 48 | 36 | %d | %.1f | simulate_world only (process) | %.1f | %.2fx | <= 1.2x |\n", w, 1e6 * a / w, 1e6 * b / w, a / (b > 0 ? b : 1e-9) }'
echo

echo "### Parallel efficiency, default experiment, $wpar worlds (wall time, goal >= 0.9)"
echo
echo "issue 13: parallel efficiency, $wpar default worlds ..." >&2
read -r _ wall1 _ <<<"$(time_cpu "$fundsim" run "$root/configs/us_japan_fund.yaml" --worlds "$wpar" --threads 1 --out "$scratch/r5" --force --quiet)"
read -r _ wallp _ <<<"$(time_cpu "$fundsim" run "$root/configs/us_japan_fund.yaml" --worlds "$wpar" --threads "$cores" --out "$scratch/r5" --force --quiet)"
awk -v a="$wall1" -v b="$wallp" -v p="$cores" 'BEGIN {
  printf "T1 = %.2f s, T%d = %.2f s: efficiency T1 / (T%d x %d) = %.2f\n", a, p, b, p, p, a / ((b > 0 ? b : 0.01) * p) }'
echo

echo "### Agent-steps/s by size: the cascade, 100 steps, one thread (goal: flat)"
echo
echo "Whole process (fundsim run, start-up and result files included), and per added world of simulate_world"
echo "(process with 2W worlds minus process with W: the scenario build and start-up cancel); agent-steps = N x 100"
echo "x worlds; CPU time (/usr/bin/time counts in 10 ms)."
echo
echo "| N | W | fundsim run CPU s | agent-steps/s | relative to N = 1,000 | simulate_world CPU s (2W - W) | agent-steps/s | relative |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
if ((quick)); then sizes=("1000 500" "10000 50" "100000 5" "1000000 1")
else sizes=("1000 2000" "10000 200" "100000 20" "1000000 3"); fi
base_rate="" base_kernel=""
for entry in "${sizes[@]}"; do
  read -r n worlds <<<"$entry"
  echo "issue 13: cascade N = $n, $worlds worlds (agent-steps/s) ..." >&2
  config=$(cascade_config "$n" 100)
  read -r cpu _ <<<"$(fundsim_1 "$config" "$worlds")"
  read -r cpu_w _ <<<"$(time_cpu "$bench_kernel" --process kernel "$config" --worlds "$worlds")"
  read -r cpu_2w _ <<<"$(time_cpu "$bench_kernel" --process kernel "$config" --worlds $((2 * worlds)))"
  cpu_kernel=$(awk -v a="$cpu_w" -v b="$cpu_2w" 'BEGIN { printf "%.3f", b - a }')
  rate=$(awk -v n="$n" -v w="$worlds" -v c="$cpu" 'BEGIN { printf "%.4g", n * 100 * w / (c > 0 ? c : 1e-9) }')
  rate_kernel=$(awk -v n="$n" -v w="$worlds" -v c="$cpu_kernel" 'BEGIN { printf "%.4g", n * 100 * w / (c > 0 ? c : 1e-9) }')
  [[ -z $base_rate ]] && base_rate=$rate base_kernel=$rate_kernel
  awk -v n="$n" -v w="$worlds" -v c="$cpu" -v r="$rate" -v b="$base_rate" -v ck="$cpu_kernel" -v rk="$rate_kernel" -v bk="$base_kernel" 'BEGIN {
    printf "| %d | %d | %.2f | %.3g | %.2f | %.2f | %.3g | %.2f |\n", n, w, c, r, r / b, ck, rk, rk / bk }'
done
echo

echo "### A million worlds of the default (goal: under a minute on this machine, flat memory)"
echo
echo "issue 13: default experiment, $wmillion worlds, $cores threads ..." >&2
read -r cpu wall kib <<<"$(time_cpu "$fundsim" run "$root/configs/us_japan_fund.yaml" --worlds "$wmillion" --threads "$cores" --out "$scratch/r5" --force --quiet)"
awk -v w="$wmillion" -v wall="$wall" -v cpu="$cpu" -v kib="$kib" -v p="$cores" 'BEGIN {
  est = wall * 1e6 / w
  printf "Measured: %d worlds on %d threads in %.2f s wall (%.2f CPU s), max RSS %.1f MiB.\n", w, p, wall, cpu, kib / 1024
  printf "Extrapolated linearly to 1,000,000 worlds: **%.0f s** wall (%s the one-minute goal; not measured at a million).\n", est, (est < 60 ? "within" : "beyond")
  cpu_est = cpu * 1e6 / w / p
  printf "From CPU time (what %d idle cores would take at efficiency 1): %.0f s (%s the goal).\n", p, cpu_est, (cpu_est < 60 ? "within" : "beyond")
}'
echo

echo "### Against Mesa (measured outside the repository; issue #13)"
echo
echo "issue 13: cascade N = 1000, 40 steps, $w1k worlds, $cores threads (Mesa comparison) ..." >&2
read -r cpu wall _ <<<"$(time_cpu "$fundsim" run "$(cascade_config 1000 40)" --worlds "$w1k" --threads "$cores" --out "$scratch/r5" --force --quiet)"
awk -v w="$w1k" -v wall="$wall" -v cpu="$cpu" -v p="$cores" 'BEGIN {
  rate = w / (wall > 0 ? wall : 0.01); rate_cpu = p * w / (cpu > 0 ? cpu : 0.01); mesa = 1 / 0.016
  printf "fundsim run: %.0f worlds/s on %d threads, wall time (N = 1,000, 40 steps); %.0f worlds/s from CPU time x %d cores.\n", rate, p, rate_cpu, p
  printf "Mesa 3.3.1 batch_run: ~16 ms per world on 2 processes (issue #13, measured on this machine outside the\n"
  printf "repository): %.0f worlds/s. Ratio: **%.0fx** wall, %.0fx from CPU time (goal >= 300x).\n", mesa, rate / mesa, rate_cpu / mesa
}'
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v p="$cores" 'BEGIN { exit !(l + 0 > p - 0.5) }'; then
  echo
  echo "**Warning:** load average $(cut -d' ' -f1-3 /proc/loadavg) on $cores cores: wall-time figures here (efficiency, the million, Mesa) are not trustworthy; CPU-time ratios are steadier."
fi
