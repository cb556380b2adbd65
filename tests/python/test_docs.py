"""Checked documentation: claims and recipes in the repository's documents
that a test can hold true (issue: traps found on the way).

- no document cites a "SPEC" (the product specification is not in the
  repository; documents cite each other instead);
- every "step N = Month YYYY" (also "step N - ", "step N (", "step N is ")
  agrees with its file's "step 0 = ..." anchor, and the README's with the
  default experiment's start (experiment.start_date, else its "step 0 =" note);
- the MPI recipe of docs/cluster.md for a laptop as root runs as written
  (when the simulator was built with MPI) and gives the single run's bytes.

    FUNDSIM_BIN=build/fundsim FUNDSIM_ROOT=. /usr/bin/python3 -m unittest tests/python/test_docs.py
"""
import os
import re
import shlex
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.environ.get("FUNDSIM_ROOT", os.path.join(os.path.dirname(__file__), "..", "..")))
BIN = os.environ.get("FUNDSIM_BIN", os.path.join(ROOT, "build", "fundsim"))
MPIEXEC = os.environ.get("FUNDSIM_MPIEXEC", "")
CONFIG = os.path.join(ROOT, "configs", "us_japan_fund.yaml")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
STEP_DATE = re.compile(r"\b[Ss]tep (\d+)(?: = | - | \(| is )(" + "|".join(MONTHS) + r") (\d{4})")
SKIPPED = {".git", "build", "runs", "Testing", "__pycache__", "seeds"}


def documents():
    """Markdown, notebooks and YAML files of the repository (paths relative to ROOT)."""
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in SKIPPED and not d.startswith("build")]
        for name in files:
            if name.endswith((".md", ".ipynb", ".yaml")):
                yield os.path.relpath(os.path.join(folder, name), ROOT)


def month_index(month, year):
    return int(year) * 12 + MONTHS.index(month)


def default_start():
    """Month index of step 0 of the default experiment."""
    with open(CONFIG, encoding="utf-8") as f:
        text = f.read()
    date = re.search(r"^\s*start_date:\s*(\d{4})-(\d{2})-\d{2}", text, re.M)
    if date:
        return int(date.group(1)) * 12 + int(date.group(2)) - 1
    anchor = re.search(r"step 0 = (\w+) (\d{4})", text)
    return month_index(anchor.group(1), anchor.group(2))


class DocsTest(unittest.TestCase):
    def test_no_document_cites_a_spec_outside_the_repository(self):
        citing = []
        for path in documents():
            with open(os.path.join(ROOT, path), encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    if re.search(r"\bSPEC\b", line):
                        citing.append(f"{path}:{number}: {line.strip()}")
        self.assertEqual(citing, [], "documents cite a SPEC that is not in the repository")

    def test_step_names_agree_with_the_calendar(self):
        wrong = []
        for path in documents():
            with open(os.path.join(ROOT, path), encoding="utf-8") as f:
                pairs = [(int(m.group(1)), month_index(m.group(2), m.group(3)), m.group(0))
                         for m in STEP_DATE.finditer(f.read().replace("\n", " "))]
            if not pairs:
                continue
            anchors = [date for step, date, _ in pairs if step == 0]
            start = anchors[0] if anchors else default_start() if path == "README.md" else None
            if start is None:
                continue
            wrong += [f"{path}: '{text}' (step 0 is {MONTHS[start % 12]} {start // 12})"
                      for step, date, text in pairs if date != start + step]
        self.assertEqual(wrong, [])

    def test_a_wrong_step_name_is_caught(self):
        text = "step 0 = April 2025 ... step 5 (August 2025)".replace("\n", " ")
        pairs = [(int(m.group(1)), month_index(m.group(2), m.group(3))) for m in STEP_DATE.finditer(text)]
        self.assertEqual(pairs, [(0, month_index("April", 2025)), (5, month_index("August", 2025))])
        self.assertNotEqual(pairs[1][1], pairs[0][1] + 5)  # what test_step_names_agree_with_the_calendar flags

    @unittest.skipUnless(MPIEXEC, "fundsim was built without MPI (or mpiexec was not found)")
    def test_cluster_laptop_mpi_recipe_runs_as_written(self):
        with open(os.path.join(ROOT, "docs", "cluster.md"), encoding="utf-8") as f:
            recipe = next(line.strip() for line in f
                          if line.startswith("mpirun --allow-run-as-root --oversubscribe"))
        with tempfile.TemporaryDirectory() as tmp:
            single = os.path.join(tmp, "single")
            subprocess.run([BIN, "run", CONFIG, "--worlds", "130", "--quiet", "--out", single], check=True, capture_output=True)
            words = shlex.split(recipe)
            words = [MPIEXEC if w == "mpirun" else BIN if w == "fundsim" else CONFIG if w == "exp.yaml"
                     else os.path.join(tmp, "mpi") if w == "runs/exp" else w for w in words]
            done = subprocess.run(words + ["--worlds", "130", "--quiet"], capture_output=True, text=True, timeout=240)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            for name in ("worlds.csv", "series.csv", "governments.csv"):
                with open(os.path.join(single, name), "rb") as a, open(os.path.join(tmp, "mpi", name), "rb") as b:
                    self.assertEqual(a.read(), b.read(), name)


if __name__ == "__main__":
    unittest.main()
