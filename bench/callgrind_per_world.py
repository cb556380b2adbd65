#!/usr/bin/env python3
"""Per-world instruction counts from two callgrind profiles of the same command
at two world counts (bench/README.md, "Where a whole run's instructions go").

    valgrind --tool=callgrind --callgrind-out-file=a.out build/fundsim run CONFIG --worlds 200 --threads 1 ...
    valgrind --tool=callgrind --callgrind-out-file=b.out build/fundsim run CONFIG --worlds 2000 --threads 1 ...
    /usr/bin/python3 bench/callgrind_per_world.py a.out b.out 200 2000 [--inclusive] [--top K]

Per world = (Ir(b) - Ir(a)) / (worlds_b - worlds_a), per function (exclusive,
or inclusive with --inclusive); fixed = Ir(a) - per world x worlds_a (start-up,
per-point work, result files that do not grow with worlds). Needs
callgrind_annotate (Debian's valgrind).
"""
import argparse
import re
import subprocess


def load(path, inclusive):
    text = subprocess.run(["callgrind_annotate", "--threshold=100", f"--inclusive={'yes' if inclusive else 'no'}", path],
                          capture_output=True, text=True, check=True).stdout
    total, per_function = 0, {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)", line)
        if not m:
            continue
        value, name = int(m.group(1).replace(",", "")), re.sub(r"\s*\[.*\]$", "", m.group(2))
        if "PROGRAM TOTALS" in name:
            total = value
        else:
            per_function[name] = per_function.get(name, 0) + value
    return total, per_function


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("small"), ap.add_argument("large")
    ap.add_argument("worlds_small", type=int), ap.add_argument("worlds_large", type=int)
    ap.add_argument("--inclusive", action="store_true")
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()
    total_a, fa = load(a.small, a.inclusive)
    total_b, fb = load(a.large, a.inclusive)
    span = a.worlds_large - a.worlds_small
    per_world = (total_b - total_a) / span
    print(f"per world {per_world:,.0f} instructions; fixed {total_a - per_world * a.worlds_small:,.0f}")
    rows = sorted((((fb.get(k, 0) - fa.get(k, 0)) / span, k) for k in set(fa) | set(fb)), reverse=True)
    for value, name in rows[:a.top]:
        print(f"{value:12,.0f} {100 * value / per_world:5.1f}%  {name[:160]}")


if __name__ == "__main__":
    main()
