"""Analytic results of Watts (2002) for Erdos-Renyi graphs (Poisson degrees).

Cascade condition (Watts 2002, eq. 5): global cascades are possible when
    G0''(1) = sum_k k (k - 1) rho_k p_k  >  z,
with p_k = e^-z z^k / k! and rho_k = 1 for vulnerable degrees (k <= 1/phi),
0 otherwise.  The window is the set of z where this holds; its edges are the
roots of  sum_k k (k - 1) rho_k p_k = z.

Two further tree-like (locally tree-like, N -> infinity) predictions are
used for the plots:
  * frequency of global cascades from one random seed = the probability that
    the seed has a neighbour in the infinite vulnerable cluster (the seed is
    active whatever its own threshold):  1 - sum_k p_k u^k with
    u = sum_k (k p_k / z) (1 - rho_k + rho_k u^(k-1))  (smallest root);
  * size of a global cascade = the non-trivial fixed point of Gleeson &
    Cahalane (2007) for a vanishing seed fraction.
"""
import math

import numpy as np
from scipy import optimize, stats

KMAX = 120


def poisson_pk(z, kmax=None):
    if kmax is None:  # tail mass beyond this is < 1e-15 for z <= 20
        kmax = min(KMAX, int(z + 12 * math.sqrt(z) + 20))
    k = np.arange(kmax + 1)
    return k, stats.poisson.pmf(k, z)


def vulnerable(k, phi):
    """rho_k: 1 when one active neighbour is enough (1/k >= phi), k >= 1."""
    k = np.asarray(k)
    with np.errstate(divide="ignore"):
        return np.where((k >= 1) & (1.0 / np.maximum(k, 1) >= phi - 1e-12), 1.0, 0.0)


def cascade_lhs(z, phi):
    """sum_k k (k-1) rho_k p_k."""
    k, pk = poisson_pk(z)
    return float(np.sum(k * (k - 1) * vulnerable(k, phi) * pk))


def cascade_window(phi, zmin=0.05, zmax=20.0):
    """Roots of sum_k k(k-1) rho_k p_k - z = 0 (lower, upper), by brentq on a
    fine bracket scan."""
    f = lambda z: cascade_lhs(z, phi) - z
    grid = np.linspace(zmin, zmax, 4000)
    vals = np.array([f(z) for z in grid])
    roots = []
    for a, b, fa, fb in zip(grid[:-1], grid[1:], vals[:-1], vals[1:]):
        if fa == 0:
            roots.append(a)
        elif fa * fb < 0:
            roots.append(optimize.brentq(f, a, b, xtol=1e-12))
    return roots


def cascade_frequency(z, phi):
    """Probability that one random seed triggers a global cascade."""
    if z <= 0:
        return 0.0
    k, pk = poisson_pk(z)
    rho = vulnerable(k, phi)
    qk = k * pk / z  # degree distribution at the end of an edge

    def g(u):
        km1 = np.maximum(k - 1, 0)
        return float(np.sum(qk * (1 - rho + rho * u ** km1))) - u

    # smallest root in [0, 1]: iterate from 0 (monotone increasing map)
    u = 0.0
    for _ in range(100000):
        un = g(u) + u
        if abs(un - u) < 1e-14:
            break
        u = un
    return float(1.0 - np.sum(pk * u ** k))


def cascade_size(z, phi, seed=1e-9):
    """Final active fraction of a global cascade (Gleeson & Cahalane 2007),
    iterated from a vanishing seed fraction; 0 when none."""
    k, pk = poisson_pk(z)
    kmax = len(k) - 1
    # F(m, k) = 1 if m/k >= phi
    def resp(m, kk):
        return 1.0 if kk > 0 and m / kk >= phi - 1e-12 else 0.0

    binom = [[math.comb(n, m) for m in range(n + 1)] for n in range(kmax + 1)]
    R = [[resp(m, kk) for m in range(kk + 1)] for kk in range(kmax + 1)]

    def qmap(q):
        s = 0.0
        for kk in range(1, kmax + 1):
            if pk[kk] < 1e-300:
                continue
            inner = sum(binom[kk - 1][m] * q ** m * (1 - q) ** (kk - 1 - m) * R[kk][m] for m in range(kk))
            s += kk * pk[kk] / z * inner
        return seed + (1 - seed) * s

    q = seed
    for _ in range(5000):
        qn = qmap(q)
        if abs(qn - q) < 1e-13:
            break
        q = qn
    rho = seed
    for kk in range(0, kmax + 1):
        if pk[kk] < 1e-300:
            continue
        inner = sum(binom[kk][m] * q ** m * (1 - q) ** (kk - m) * R[kk][m] for m in range(kk + 1)) if kk > 0 else 0.0
        rho += (1 - seed) * pk[kk] * inner
    return float(rho) if rho > 1e-3 else 0.0


if __name__ == "__main__":
    roots = cascade_window(0.18)
    print("window phi=0.18:", ["%.4f" % r for r in roots])
    for z in [0.5, 1, 1.5, 2, 3, 4, 5, 5.5, 6, 7, 8]:
        print(z, round(cascade_lhs(z, 0.18) - z, 4), round(cascade_frequency(z, 0.18), 4), round(cascade_size(z, 0.18), 4))
