"""`fundsim export-graph` writes GraphML that networkx reads with the node and
edge counts `fundsim describe` reports (SPEC §5; issue: results notebooks use).

    FUNDSIM_BIN=build/fundsim FUNDSIM_ROOT=. /usr/bin/python3 -m unittest tests/python/test_export_graph.py
"""
import os
import re
import subprocess
import tempfile
import unittest

import networkx as nx
import pandas as pd

ROOT = os.environ.get("FUNDSIM_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("FUNDSIM_BIN", os.path.join(ROOT, "build", "fundsim"))
CONFIG = os.path.join(ROOT, "configs", "us_japan_fund.yaml")


def run(*args):
    return subprocess.run([BIN, *args], check=True, capture_output=True, text=True).stdout


class ExportGraphTest(unittest.TestCase):
    def test_graphml_matches_describe(self):
        described = run("describe", CONFIG)
        nodes, edges = map(int, re.search(r"agent graph .*: (\d+) nodes, (\d+) edges", described).groups())
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "world0.graphml")
            run("export-graph", CONFIG, "--world", "0", "--out", path)
            graph = nx.read_graphml(path)
        self.assertEqual(graph.number_of_nodes(), nodes)
        self.assertEqual(graph.number_of_edges(), edges)
        kinds = {d["kind"] for _, d in graph.nodes(data=True)}
        self.assertEqual(kinds, {"government", "negotiator", "investor", "sponsor"})
        founders = sorted(d["id"] for _, d in graph.nodes(data=True) if d.get("is_founder") == 1)
        self.assertEqual(founders, ["JPN", "USA"])

    def test_generated_networks_differ_by_world(self):
        cfg = os.path.join(ROOT, "configs", "validation", "watts.yaml")
        with tempfile.TemporaryDirectory() as tmp:
            counts = []
            for world in ("0", "1"):
                out = os.path.join(tmp, "w" + world)
                run("export-graph", cfg, "--world", world, "--point", "7", "--format", "csv", "--out", out)
                with open(os.path.join(out, "edges.csv")) as f:
                    counts.append(sum(1 for _ in f) - 1)
            self.assertNotEqual(counts[0], counts[1])
            self.assertAlmostEqual(counts[0] / 10000 * 2, 4.0, delta=0.2)  # point 7: mean degree 4

    def test_step_matches_trajectories(self):
        """--step t: the governments' status, stake, tariff and revenue after step t of
        world 0 equal trajectories.csv's rows of that world and step, exactly."""
        with tempfile.TemporaryDirectory() as tmp:
            results = os.path.join(tmp, "run")
            run("run", CONFIG, "--worlds", "64", "--quiet", "--out", results)
            traj = pd.read_csv(os.path.join(results, "trajectories.csv"), float_precision="round_trip")
            for step in (0, 5, 36):
                path = os.path.join(tmp, f"s{step}.graphml")
                run("export-graph", CONFIG, "--world", "0", "--step", str(step), "--out", path)
                graph = nx.read_graphml(path)
                nodes = {d["id"]: d for _, d in graph.nodes(data=True) if d["kind"] == "government"}
                rows = traj[(traj["world"] == 0) & (traj["step"] == step)]
                self.assertEqual(len(rows), len(nodes))
                for _, row in rows.iterrows():
                    node = nodes[row["government"]]
                    self.assertEqual(node["status"], row["status"], (step, row["government"]))
                    self.assertEqual(node["stake"], row["stake"])  # exact: no rounding in GraphML
                    self.assertEqual(node["tariff_faced"], row["tariff_faced"])
                    self.assertEqual(node["revenue"], row["revenue_usd_bn"])
            bad = subprocess.run([BIN, "export-graph", CONFIG, "--step", "37", "--out", os.path.join(tmp, "x.graphml")],
                                 capture_output=True, text=True)
            self.assertEqual(bad.returncode, 2)
            self.assertIn("--step 37", bad.stderr)


if __name__ == "__main__":
    unittest.main()
