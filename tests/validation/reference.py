"""Independent reference implementation of fundsim's network decision rules
(SPEC section 3), in plain NumPy/SciPy, to compare with the engine.

Semantics implemented (SPEC section 3, docs/ODD.md D1, D2 and section 3):
  * step 0 is the initial state: founders are members and `join` events
    scheduled at step 0 have been applied; nobody has decided;
  * at step t = 1 .. steps, scheduled `join` events fire first; then every
    non-member decides from the state after the events (synchronously: all
    decisions read the same state); then all decisions are applied;
  * threshold: a non-member with weighted degree k_i > 0 joins when
    M_i / k_i >= phi_i (M_i the weight of its member neighbours); a
    government without ties never joins.  fundsim compares with a tolerance
    of 1e-9 (so that phi = k/d written in decimal equals k ties of d); the
    reference uses the same tolerance;
  * bass: each non-member joins with probability clip(p + q F_i, 0, 1),
    F_i = M_i / k_i (0 without ties) for scope network, members / N for
    scope global;
  * no exits under either rule.

Graphs come either from `fundsim export-graph` (GraphML or CSV) or from a
ties CSV (source,target[,weight]) that fundsim read with network.from_csv.
Nothing here imports or calls fundsim code.
"""
import os
import subprocess

import numpy as np
import pandas as pd
from scipy import sparse

TOL = 1e-9


class Graph:
    """Government graph: ids (list), W (CSR, symmetric, weighted), optional
    per-government phi (NaN = use default), founders (bool array)."""

    def __init__(self, ids, W, phi=None, founders=None):
        self.ids = list(ids)
        self.index = {g: i for i, g in enumerate(self.ids)}
        self.W = sparse.csr_matrix(W, dtype=float)
        self.n = len(self.ids)
        self.degree = np.asarray(self.W.sum(axis=1)).ravel()
        self.phi = np.full(self.n, np.nan) if phi is None else np.asarray(phi, dtype=float)
        self.founders = np.zeros(self.n, bool) if founders is None else np.asarray(founders, bool)

    def thresholds(self, default_phi):
        return np.where(np.isnan(self.phi), default_phi, self.phi)


def graph_from_ties(ids, ties, phi=None, founders=None):
    """ids: list of government ids; ties: DataFrame source,target[,weight]
    (undirected, parallel ties add, self ties dropped — as docs/ODD.md 2.6)."""
    index = {g: i for i, g in enumerate(ids)}
    w = ties["weight"].to_numpy(float) if "weight" in ties else np.ones(len(ties))
    a = np.array([index[s] for s in ties["source"].astype(str)])
    b = np.array([index[t] for t in ties["target"].astype(str)])
    keep = a != b
    a, b, w = a[keep], b[keep], w[keep]
    n = len(ids)
    W = sparse.coo_matrix((np.r_[w, w], (np.r_[a, b], np.r_[b, a])), shape=(n, n)).tocsr()
    W.sum_duplicates()
    return Graph(ids, W, phi, founders)


def _truthy(v):
    if isinstance(v, str):
        return v.strip().lower() in ("1", "true", "yes")
    try:
        return bool(int(v))
    except (TypeError, ValueError):
        return False


def graph_from_export(nodes, edges):
    """Build a Graph from export-graph's node and edge tables (DataFrames).
    nodes: id, kind, [threshold], [is_founder]; edges: source, target, kind,
    [weight]. Only government vertices and `tie` edges carry influence."""
    nodes = nodes.copy()
    edges = edges.copy()
    if "edge_kind" in edges and "kind" not in edges:  # GraphML attribute name
        edges = edges.rename(columns={"edge_kind": "kind"})
    if "node" in nodes:
        # edges name nodes by their index (column `node`): map to ids
        by_index = dict(zip(nodes["node"].astype(int), nodes["id"].astype(str)))
        for col in ("source", "target"):
            edges[col] = [by_index.get(int(x), str(x)) if str(x).lstrip("-").isdigit() else str(x) for x in edges[col]]
    if "kind" in nodes:
        nodes = nodes[nodes["kind"].astype(str) == "government"]
    ids = nodes["id"].astype(str).tolist()
    if "kind" in edges:
        edges = edges[edges["kind"].astype(str) == "tie"]
    idset = set(ids)
    edges = edges[edges["source"].astype(str).isin(idset) & edges["target"].astype(str).isin(idset)]
    phi = pd.to_numeric(nodes["threshold"], errors="coerce").to_numpy() if "threshold" in nodes else None
    founders = nodes["is_founder"].map(_truthy).to_numpy() if "is_founder" in nodes else None
    ties = pd.DataFrame({"source": edges["source"].astype(str), "target": edges["target"].astype(str)})
    if "weight" in edges:
        ties["weight"] = pd.to_numeric(edges["weight"], errors="coerce").fillna(1.0).to_numpy()
    return graph_from_ties(ids, ties, phi, founders)


def read_graphml(path):
    import networkx as nx

    G = nx.read_graphml(path)
    rows = []
    key_of = {}
    for v, d in G.nodes(data=True):
        gid = str(d.get("id", v))
        key_of[v] = gid
        rows.append(dict(d, id=gid))
    nodes = pd.DataFrame(rows)
    erows = [dict(d, source=key_of[a], target=key_of[b]) for a, b, d in G.edges(data=True)]
    edges = pd.DataFrame(erows, columns=sorted({"source", "target"} | {k for r in erows for k in r}))
    return graph_from_export(nodes, edges)


def read_export_csv(path):
    """PATH.nodes.csv + PATH.edges.csv, or a folder PATH/ with nodes.csv and
    edges.csv."""
    cands = [(path + ".nodes.csv", path + ".edges.csv"),
             (os.path.join(path, "nodes.csv"), os.path.join(path, "edges.csv"))]
    for n, e in cands:
        if os.path.exists(n) and os.path.exists(e):
            return graph_from_export(pd.read_csv(n), pd.read_csv(e))
    raise FileNotFoundError("no export-graph CSV at %s" % path)


def export_graph(binary, cfg, world, path, point=None, sets=(), fmt="csv"):
    """Run `fundsim export-graph` and read what it wrote (an existing file
    or folder at PATH is replaced)."""
    import shutil

    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)
    cmd = [binary, "export-graph", cfg, "--world", str(world), "--format", fmt, "--out", path]
    if point is not None:
        cmd += ["--point", str(point)]
    for s in sets:
        cmd += ["--set", s]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("export-graph failed (%d): %s\n%s%s" % (r.returncode, " ".join(cmd), r.stdout, r.stderr))
    return read_graphml(path) if fmt == "graphml" else read_export_csv(path)


def export_graph_available(binary):
    """True when `fundsim --help` lists the export-graph subcommand."""
    r = subprocess.run([binary, "--help"], capture_output=True, text=True)
    return any(line.strip().startswith("export-graph") for line in r.stdout.splitlines())


# --- the rules -------------------------------------------------------------

def threshold_run(g, steps, phi=0.18, members0=None, join_events=None):
    """Deterministic synchronous threshold cascade.  Returns the list of
    member boolean arrays for steps 0..steps."""
    m = g.founders.copy() if members0 is None else np.asarray(members0, bool).copy()
    join_events = join_events or {}
    for i in join_events.get(0, ()):
        m[i] = True
    th = g.thresholds(phi)
    has_ties = g.degree > 0
    safe_deg = np.where(has_ties, g.degree, 1.0)
    out = [m.copy()]
    for t in range(1, steps + 1):
        for i in join_events.get(t, ()):
            m[i] = True
        frac = (g.W @ m.astype(float)) / safe_deg
        new = (~m) & has_ties & (frac >= th - TOL)
        m = m | new
        out.append(m.copy())
    return out


def bass_runs(g, steps, p, q, scope="network", runs=1000, rng=None, founders=None,
              random_founders=0, join_events=None):
    """Monte Carlo of the synchronous Bass rule.  Returns an array
    (runs, steps + 1) of member counts.  Founders: the graph's founders, or
    `founders` (bool array), or `random_founders` K distinct governments drawn
    uniformly per run."""
    rng = np.random.default_rng(rng)
    n = g.n
    m = np.zeros((runs, n), bool)
    if random_founders:
        for r in range(runs):
            m[r, rng.choice(n, size=random_founders, replace=False)] = True
    else:
        base = g.founders if founders is None else np.asarray(founders, bool)
        m[:] = base
    join_events = join_events or {}
    for i in join_events.get(0, ()):
        m[:, i] = True
    has_ties = g.degree > 0
    safe_deg = np.where(has_ties, g.degree, 1.0)
    WT = g.W.T.tocsr()
    counts = np.zeros((runs, steps + 1))
    counts[:, 0] = m.sum(1)
    for t in range(1, steps + 1):
        for i in join_events.get(t, ()):
            m[:, i] = True
        if scope == "global":
            F = np.repeat((m.sum(1) / n)[:, None], n, axis=1)
        else:
            F = np.asarray((WT @ m.T.astype(float)).T) / safe_deg
            F = np.where(has_ties, F, 0.0)
        prob = np.clip(p + q * F, 0.0, 1.0)
        new = (~m) & (rng.random((runs, n)) < prob)
        m = m | new
        counts[:, t] = m.sum(1)
    return counts


def erdos_renyi_ties(n, z, rng):
    """A G(n, p) graph with p = z / (n - 1), as a ties DataFrame."""
    rng = np.random.default_rng(rng)
    p = z / (n - 1)
    iu, ju = np.triu_indices(n, k=1)
    keep = rng.random(iu.size) < p
    return iu[keep], ju[keep]
