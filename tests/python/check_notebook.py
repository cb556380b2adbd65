#!/usr/bin/python3
"""Check an executed notebook: no error outputs, and at least MIN image/png
outputs (default 4, one per standard plot).

    /usr/bin/python3 tests/python/check_notebook.py OUT.ipynb [--min-images N]

Exit 0 when it passes, 1 with one line per problem otherwise.
"""

import argparse
import json
import sys


def problems(notebook: dict, min_images: int) -> list:
    """What is wrong with an executed nbformat-4 notebook (empty: nothing)."""
    found, images = [], 0
    code_cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
    for index, cell in enumerate(code_cells):
        if cell.get("execution_count") is None:
            found.append(f"code cell {index} was not executed")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"code cell {index}: {output.get('ename')}: {output.get('evalue')}")
            images += "image/png" in output.get("data", {})
    if images < min_images:
        found.append(f"{images} image/png outputs, expected at least {min_images}")
    return found


def main() -> int:
    """Entry point: parse arguments, report problems, return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", help="an executed .ipynb")
    parser.add_argument("--min-images", type=int, default=4)
    args = parser.parse_args()
    with open(args.notebook, encoding="utf-8") as handle:
        found = problems(json.load(handle), args.min_images)
    for line in found:
        print(f"{args.notebook}: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
