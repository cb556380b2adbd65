#!/usr/bin/env bash
# Installs every Debian 12 package fundsim needs to build, test and analyse.
# Idempotent: skips apt-get when everything is already present.
set -euo pipefail
packages=(
  build-essential cmake
  libboost-graph-dev libboost-math-dev libboost-random-dev
  libtbb-dev libyaml-cpp-dev doctest-dev libcli11-dev nlohmann-json3-dev
  librandom123-dev libopenmpi-dev openmpi-bin
  python3-pandas python3-matplotlib python3-scipy python3-networkx
  jupyter-nbconvert python3-ipykernel
  pybind11-dev python3-dev python3-tqdm libhdf5-dev python3-h5py
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
