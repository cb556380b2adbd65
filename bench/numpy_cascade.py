#!/usr/bin/python3
"""The Watts (2002) threshold cascade as a researcher would vectorise it in
NumPy/SciPy: the peer fundsim's kernel is compared with (SPEC section 10).

Per world: an Erdos-Renyi graph G(N, p = z / (N - 1)) drawn by geometric
skipping over the N(N-1)/2 vertex pairs (vectorised), stored as a
scipy.sparse CSR matrix; one random initial member; synchronous threshold
updates, each step one sparse matrix-vector product (member neighbours of
every vertex), until nobody joins or `steps` is reached.

Prints a markdown table: ms per world (each repetition times a batch of
worlds; the median over repetitions, as fundsim_bench_kernel does) in
process CPU time (robust to other processes on a shared machine; what the
rates use) and in wall time, worlds/s and agent-steps/s (N x steps per CPU
second), mean final adoption.

Run with Debian's interpreter and python3-scipy:
    /usr/bin/python3 bench/numpy_cascade.py [--worlds-1k 200] [--worlds-10k 20] [--reps 5]
"""
import argparse
import statistics
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp


def erdos_renyi(n, z, rng):
    """G(n, p) as a symmetric CSR matrix, by geometric skipping: the gaps
    between present pairs in the linear order of the n(n-1)/2 pairs are
    geometric(p), so O(m) draws instead of O(n^2)."""
    pairs = n * (n - 1) // 2
    p = z / (n - 1.0)
    expected = pairs * p
    draws = int(expected + 6 * np.sqrt(expected) + 16)
    index = np.cumsum(rng.geometric(p, size=draws)) - 1
    while index[-1] < pairs:  # rare: draw more gaps
        more = np.cumsum(rng.geometric(p, size=draws)) + index[-1]
        index = np.concatenate([index, more])
    index = index[index < pairs]
    # linear index k -> (v, w) with w < v: k = v(v-1)/2 + w
    v = ((1 + np.sqrt(1 + 8 * index.astype(np.float64))) // 2).astype(np.int64)
    v -= (v * (v - 1) // 2 > index)            # fix rounding of the square root
    v += ((v + 1) * v // 2 <= index)
    w = index - v * (v - 1) // 2
    rows = np.concatenate([v, w])
    cols = np.concatenate([w, v])
    data = np.ones(rows.size, dtype=np.float64)
    return sp.csr_matrix((data, (rows, cols)), shape=(n, n))


def cascade(n, z, phi, steps, rng):
    """One world; returns the final member count."""
    a = erdos_renyi(n, z, rng)
    degree = np.asarray(a.sum(axis=1)).ravel()
    need = (phi - 1e-9) * degree
    has_ties = degree > 0
    member = np.zeros(n, dtype=bool)
    member[rng.integers(n)] = True
    x = member.astype(np.float64)
    for _ in range(steps):
        count = a @ x                               # member neighbours, synchronous
        joins = ~member & has_ties & (count >= need)
        if not joins.any():
            break
        member |= joins
        x[joins] = 1.0
    return int(member.sum())


def bench(n, z, phi, steps, worlds, reps, seed):
    """Returns (median over reps of batch CPU ms/world, same in wall time,
    mean final adoption)."""
    rng = np.random.default_rng(seed)
    for _ in range(max(1, worlds // 10)):  # warm-up
        cascade(n, z, phi, steps, rng)
    cpu_ms, wall_ms, members = [], [], 0
    for _ in range(reps):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        for _ in range(worlds):
            members += cascade(n, z, phi, steps, rng)
        cpu_ms.append(1000 * (time.process_time() - cpu_start) / worlds)
        wall_ms.append(1000 * (time.perf_counter() - wall_start) / worlds)
    return statistics.median(cpu_ms), statistics.median(wall_ms), members / (worlds * reps) / n


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worlds-1k", type=int, default=200)
    parser.add_argument("--worlds-10k", type=int, default=20)
    parser.add_argument("--reps", type=int, default=5, help="repetitions of each batch of worlds")
    parser.add_argument("--z", type=float, default=4.0)
    parser.add_argument("--phi", type=float, default=0.18)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2002)
    args = parser.parse_args()

    print(f"## NumPy/SciPy peer (Python {sys.version.split()[0]}, NumPy {np.__version__}, SciPy {scipy.__version__})")
    print()
    print(f"ms/world: median over {args.reps} repetitions of a batch's mean; CPU = process CPU time, wall = elapsed.")
    print()
    print("| kernel | N | steps | ms/world (CPU) | ms/world (wall) | worlds/s | agent-steps/s | mean final adoption |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for n, worlds in ((10000, args.worlds_10k), (1000, args.worlds_1k)):
        if worlds <= 0:
            continue
        ms, wall, adoption = bench(n, args.z, args.phi, args.steps, worlds, max(1, args.reps), args.seed)
        print(f"| NumPy/SciPy, {worlds} worlds x {args.reps} | {n} | {args.steps} | {ms:.4f} | {wall:.4f} | "
              f"{1000 / ms:.0f} | {n * args.steps * 1000 / ms:.3g} | {adoption:.4f} |")


if __name__ == "__main__":
    main()
