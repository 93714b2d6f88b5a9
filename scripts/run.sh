#!/usr/bin/env bash
# The main job, from a fresh Debian machine: install dependencies, build, and build the knowledge graph
# of the bundled corpus (corpus/karabakh-2023) into out/karabakh.ttl, printing a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
mkdir -p out
build/khabar build corpus/karabakh-2023/seeds --manifest corpus/karabakh-2023/manifest.xml -o out/karabakh.ttl
