#!/usr/bin/env bash
# Checks that a refactor changed no output: runs every experiment in configs/
# (with few worlds) and compares the result CSVs byte for byte, plus the
# output of `describe`, `validate` and `export-graph --format csv`, against a
# reference.
#
#   scripts/check_identical.sh --save DIR [BIN]   write BIN's outputs to DIR (the reference)
#   scripts/check_identical.sh REF [BIN]           compare BIN's outputs with REF: a folder
#                                                  saved with --save, or a reference binary
#
# BIN defaults to build/fundsim. WORLDS (default 8) and THREADS (default 2)
# set --worlds and --threads; results do not depend on THREADS. Prints one
# line per config and "identical: N files" or the differing files; exits 1
# when anything differs. manifest.json is not compared (it records paths,
# times and the host).
set -euo pipefail
cd "$(dirname "$0")/.."

WORLDS=${WORLDS:-8}
THREADS=${THREADS:-2}

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

# produce BIN DIR: every output of BIN under DIR/<config path>/...
produce() {
    local bin=$1 dir=$2
    [[ -x $bin ]] || { echo "check_identical: $bin is not an executable" >&2; exit 2; }
    mkdir -p "$dir"
    local config name out
    while IFS= read -r config; do
        name=${config#configs/}
        name=${name%.yaml}
        out=$dir/$name
        mkdir -p "$out"
        "$bin" run "$config" --worlds "$WORLDS" --threads "$THREADS" --out "$out/run" --force --quiet >/dev/null
        rm -f "$out/run/manifest.json"
        "$bin" describe "$config" >"$out/describe.txt"
        "$bin" validate "$config" >"$out/validate.txt"
        "$bin" export-graph "$config" --format csv --out "$out/graph" >/dev/null
        echo "  ran $config"
    done < <(find configs -name '*.yaml' | sort)
}

[[ $# -ge 1 ]] || usage
if [[ $1 == --save ]]; then
    [[ $# -ge 2 ]] || usage
    produce "${3:-build/fundsim}" "$2"
    echo "saved reference: $2 ($(find "$2" -type f | wc -l) files)"
    exit 0
fi

ref=$1
bin=${2:-build/fundsim}
work=$(mktemp -d "${TMPDIR:-/tmp}/fundsim_identical.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [[ -f $ref ]]; then
    echo "reference binary $ref:"
    produce "$ref" "$work/reference"
    ref=$work/reference
fi
[[ -d $ref ]] || { echo "check_identical: $ref is neither a folder nor a binary" >&2; exit 2; }
echo "candidate $bin:"
produce "$bin" "$work/candidate"
if diff -rq "$ref" "$work/candidate"; then
    echo "identical: $(find "$ref" -type f | wc -l) files (WORLDS=$WORLDS, configs: $(find configs -name '*.yaml' | wc -l))"
else
    echo "check_identical: outputs differ (listed above)" >&2
    exit 1
fi
