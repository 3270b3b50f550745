#!/usr/bin/env bash
# Deterministic speed check (issue 11): instructions counted by callgrind, which unlike
# time does not depend on what else the machine is running.
#
#   scripts/callgrind.sh            # both measures below
#   scripts/callgrind.sh syntax     # tag + parse: instructions per token (EWT dev, gold tokens)
#   scripts/callgrind.sh extract    # whole extraction: instructions per MB (example corpus)
#
# Each workload runs twice, with 1 and with 3 rounds; the difference divided by 2 is the
# cost of one round without the process's start-up (model and lexicon loading). Needs
# valgrind (`apt-get install valgrind`) and, for the syntax measure, ../shared/data.
# Figures (README, "Syntax model"): a token costs about 28,600 instructions to tag and
# parse, and 1 MB of the example corpus about 2.1 billion to extract.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
ewt=${EWT_DEV:-../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Prints the instructions callgrind counted for a command.
count() {
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$@" >"$out/stdout" 2>"$out/log" ||
        { cat "$out/log" >&2; exit 1; }
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/log"
}

if [[ $what == all || $what == syntax ]]; then
    cargo build --quiet --release -p dossier-syntax --example throughput
    bin=target/release/examples/throughput
    a=$(count "$bin" "$ewt" 1)
    b=$(count "$bin" "$ewt" 3)
    tokens=$(awk '{print $1}' "$out/stdout")
    echo "tag+parse: $(( (b - a) / 2 )) instructions for $tokens tokens," \
        "$(( (b - a) / 2 / tokens )) per token"
fi
if [[ $what == all || $what == extract ]]; then
    cargo build --quiet --release -p dossier-cli --example annotate_rounds
    bin=target/release/examples/annotate_rounds
    a=$(count "$bin" 1)
    b=$(count "$bin" 3)
    bytes=$(awk '{print $3}' "$out/stdout")
    echo "extraction: $(( (b - a) / 2 )) instructions for $bytes bytes," \
        "$(( (b - a) / 2 * 1000000 / bytes / 1000000 )) million per MB"
fi
