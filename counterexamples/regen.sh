#!/usr/bin/env bash
# regen.sh regenerates the saved counterexamples (the Makefile's
# `make counterexamples` target runs it). Run it from anywhere:
#
#   bash counterexamples/regen.sh
#
# 1. Every trace already saved under counterexamples/ is rerun from its own
#    "# reproduce:" header line and rewritten in place.
# 2. Every line of TRACES below (protocol and flags) is run with -o auto,
#    which saves counterexamples/<protocol>/<property-slug>[-<variant>].trace.
#    Add a line here when a spec gains a variant that must fail.
#
# Each run must find a violation (exit 1); anything else stops the script.
# Review the diff before committing: as raft's interaction tests say, commit
# the change only when you understand it.
set -euo pipefail

TRACES='
twophase -variant buggy-early-commit
twopc -n 2 -variant coordinator-never-recovers
twopc -n 2 -variant recover-commits -faults crash=1,drop=1
twopc -n 2 -variant ready-aborts -faults crash=1,drop=1
'

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/check" ./cmd/check

# save ARGS...: run `check run ARGS... -quiet`, requiring exit 1 (a violation).
save() {
	local code=0
	"$tmp/check" run "$@" -quiet >"$tmp/out" 2>"$tmp/err" || code=$?
	if [ "$code" -ne 1 ]; then
		echo "regen: check run $* exited $code, want 1 (a violation):" >&2
		cat "$tmp/err" >&2
		exit 1
	fi
	grep '^check: saved' "$tmp/err" || true
}

find counterexamples -name '*.trace' -not -path '*/testdata/*' | sort | while read -r file; do
	cmd=$(sed -n 's|^# reproduce: *go run ./cmd/check run ||p' "$file")
	if [ -z "$cmd" ]; then
		echo "regen: $file has no '# reproduce: go run ./cmd/check run ...' line" >&2
		exit 1
	fi
	# shellcheck disable=SC2086 # the reproduce line is a word list
	save $cmd -o "$file"
done

echo "$TRACES" | while read -r line; do
	[ -z "$line" ] && continue
	# shellcheck disable=SC2086
	save $line -o auto
done
