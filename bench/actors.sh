#!/usr/bin/env bash
# bench/actors.sh: what symmetry reduction, the actor layer and liveness
# checking cost, each configuration in its own process (bench/cmd/specbench):
#   - TwoPhase at $SYM_N (default 9) resource managers with and without
#     symmetry reduction;
#   - twopc with $TWOPC_SIZES (default "3 4") participants under
#     -faults crash=1,drop=1, BFS alone, and $TWOPC_SYM_SIZES (default "5")
#     with symmetry (without it 5 participants is about 90M states);
#   - the cost of liveness on twopc at $LIVE_SIZES (default "3"): BFS alone
#     against BFS followed by the liveness engine (explore.Check).
# Peak RSS comes from the process's VmHWM.
set -euo pipefail

SYM_N=${SYM_N:-9}
TWOPC_SIZES=${TWOPC_SIZES:-"3 4"}
TWOPC_SYM_SIZES=${TWOPC_SYM_SIZES:-"5"}
LIVE_SIZES=${LIVE_SIZES:-"3"}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/specbench" ./bench/cmd/specbench)

field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$1"; }
printf '%-9s %-3s %-6s %-8s %12s %13s %9s %12s %10s %8s\n' \
	spec n engine symmetry distinct generated elapsed_s states/s peakRSS_MB B/state
row() {
	local out
	out=$("$work/specbench" "$@")
	printf '%-9s %-3s %-6s %-8s %12s %13s %9s %12s %10.1f %8s\n' \
		"$(field "$out" spec)" "$(field "$out" n)" "$(field "$out" engine)" "$(field "$out" symmetry)" \
		"$(field "$out" distinct)" "$(field "$out" generated)" "$(field "$out" elapsed_s)" \
		"$(field "$out" states_per_s)" "$(awk -v b="$(field "$out" peak_rss)" 'BEGIN { print b / 1048576 }')" \
		"$(field "$out" bytes_per_state)"
}

row -spec twophase -n "$SYM_N"
row -spec twophase -n "$SYM_N" -symmetry
for n in $TWOPC_SIZES; do
	row -spec twopc -n "$n" -faults crash=1,drop=1
done
for n in $TWOPC_SYM_SIZES; do
	row -spec twopc -n "$n" -faults crash=1,drop=1 -symmetry
done
for n in $LIVE_SIZES; do
	row -spec twopc -n "$n" -faults crash=1,drop=1 -engine check
done
