#!/usr/bin/env bash
# bench/perf.sh: the performance targets of one run, as one table whose
# ratios are all computed within this run (first thing `make bench` prints).
#
# Each configuration runs in its own process, one after the other, so that
# neither peak memory nor CPU is shared:
#   - SPIN 6 on bench/twophase.pml, TwoPhase with $N (default 9) resource
#     managers (exhaustive, -DSAFETY -DNOREDUCE -DNOCLAIM);
#   - protocheck on the same state space with 1 worker and with every core,
#     and at $N+1 resource managers with every core (skip: BIG=0), each
#     with every core again with -expect (the visited set sized up front
#     from the count just found, as SPIN's -w sizes its table);
#   - twopc with $TWOPC_N (default 4) participants and crash=1,drop=1:
#     safety only (BFS), the default run (safety and liveness in one pass),
#     and safety only with partial-order reduction (-por) when specbench
#     offers it.
# Wall time and peak RSS: specbench's own (elapsed, VmHWM), SPIN's from
# /usr/bin/time -v. With REPEAT=k each row runs k times and shows the run
# of median wall time, with the range of the k times after it: on a shared
# VM one run varies by 10-20%. A machine with other heavy processes gives
# meaningless ratios: run it alone. Installs spin, gcc and time when
# missing.
set -euo pipefail

N=${N:-9}
TWOPC_N=${TWOPC_N:-4}
BIG=${BIG:-1}
MEMLIM=${MEMLIM:-20000}
REPEAT=${REPEAT:-1}
NPROC=$(nproc)
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

. "$here/lib.sh"
(cd "$root" && go build -o "$work/specbench" ./bench/cmd/specbench)

field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$1"; }
calc() { awk "BEGIN { printf \"%.2f\", $* }"; }

printf '%-44s %12s %9s %12s %9s %8s %s\n' run distinct wall_s states/s peak_MB B/state "$([ "$REPEAT" = 1 ] || echo "wall range of $REPEAT")"
row() { # key label
	printf '%-44s %12s %9.2f %12.0f %9.1f %8.1f %s\n' "$2" "${D[$1]}" "${T[$1]}" \
		"$(calc "${D[$1]} / ${T[$1]}")" "$(calc "${M[$1]} / 1048576")" "$(calc "${M[$1]} / ${D[$1]}")" "${R[$1]}"
}
declare -A D T M R
# keep key run...: records the run of median wall time among the runs,
# each "seconds rss distinct", and the range of their times.
keep() {
	local key=$1
	shift
	read -r "T[$key]" "M[$key]" "D[$key]" <<<"$(printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')"
	R[$key]=""
	if [ $# -gt 1 ]; then
		R[$key]=$(printf '%s\n' "$@" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }')
	fi
}
# cool waits until the memory the last run freed is cold again. On a VM
# whose balloon takes free memory back (virtio_balloon's free page
# reporting, as on this machine), the first touch of a page costs a fault
# in the host too: about 5 ms per 2 MiB, 5 s at TwoPhase 10 RMs. Memory
# freed seconds earlier is still backed, so a run right after a big one is
# that much faster (16 s instead of 23 s at 10 RMs). Every run starts cold,
# SPIN's included, so that the rows compare. COOL=0 skips the wait.
cool() { sleep "${COOL:-10}"; }

bench() { # key label specbench-args...
	local key=$1 label=$2 out runs=() i
	shift 2
	for ((i = 0; i < REPEAT; i++)); do
		cool
		out=$("$work/specbench" "$@") || { echo "specbench $*: failed" >&2; exit 1; }
		runs+=("$(field "$out" elapsed_s) $(field "$out" peak_rss) $(field "$out" distinct)")
	done
	keep "$key" "${runs[@]}"
	row "$key" "$label"
}

# SPIN first, on the same space.
d="$work/spin"
mkdir -p "$d"
w=$(awk "BEGIN{w = int($N*log(6)/log(2)) + 1; print (w < 18 ? 18 : w)}")
(cd "$d" && spin -a -DN="$N" "$here/twophase.pml" >/dev/null &&
	gcc -O2 -DSAFETY -DNOREDUCE -DNOCLAIM -DMEMLIM="$MEMLIM" -o pan pan.c) ||
	{ echo "spin or gcc failed" >&2; exit 1; }
runs=()
for ((i = 0; i < REPEAT; i++)); do
	cool
	(cd "$d" && /usr/bin/time -v ./pan -m100000 -w"$w" >pan.out 2>pan.time) ||
		{ cat "$d"/pan.out "$d"/pan.time >&2; exit 1; }
	runs+=("$(wall "$d/pan.time") $(rss "$d/pan.time") $(awk '/states, stored/ { printf "%d", $1 }' "$d/pan.out")")
done
keep spin "${runs[@]}"
row spin "SPIN twophase N=$N"

bench tp1 "protocheck twophase N=$N, 1 worker" -spec twophase -n "$N" -workers 1
bench tpw "protocheck twophase N=$N, $NPROC workers" -spec twophase -n "$N" -workers "$NPROC"
# -expect sizes the visited set up front from an earlier run's count, as
# -w does for SPIN above.
bench tpe "protocheck twophase N=$N, $NPROC workers, -expect" -spec twophase -n "$N" -workers "$NPROC" -expect "${D[tp1]}"
if [ "$BIG" = 1 ]; then
	bench tpbig "protocheck twophase N=$((N + 1)), $NPROC workers" -spec twophase -n "$((N + 1))" -workers "$NPROC"
	bench tpbige "protocheck twophase N=$((N + 1)), $NPROC workers, -expect" -spec twophase -n "$((N + 1))" -workers "$NPROC" -expect "${D[tpbig]}"
fi
bench pcs "protocheck twopc n=$TWOPC_N c1d1, safety" -spec twopc -n "$TWOPC_N" -faults crash=1,drop=1 -engine bfs
bench pcc "protocheck twopc n=$TWOPC_N c1d1, default (one pass)" -spec twopc -n "$TWOPC_N" -faults crash=1,drop=1 -engine check
por=0
if "$work/specbench" -h 2>&1 | grep -q -- '-por'; then
	por=1
	bench pcp "protocheck twopc n=$TWOPC_N c1d1, safety, -por" -spec twopc -n "$TWOPC_N" -faults crash=1,drop=1 -engine bfs -por
fi

status=0
[ "${D[spin]}" = "${D[tp1]}" ] || { echo "MISMATCH: SPIN stored ${D[spin]} states, protocheck ${D[tp1]}" >&2; status=1; }
target() { # text value goal-comparison
	local ok=no
	awk "BEGIN { exit !($2 $3) }" && ok=yes
	printf '  %-58s %9s   target %-8s %s\n' "$1" "$2" "$3" "$ok"
}
echo
echo "targets (issue 8), from the rows above:"
target "twophase N=$N: SPIN wall / protocheck wall ($NPROC workers)" "$(calc "${T[spin]} / ${T[tpw]}")" ">= 10"
target "  the same, -expect (SPIN has -w)" "$(calc "${T[spin]} / ${T[tpe]}")" ">= 10"
target "twophase N=$N: 1 worker wall / $NPROC workers wall" "$(calc "${T[tp1]} / ${T[tpw]}")" ">= 1.75"
target "twophase N=$N: bytes per state ($NPROC workers)" "$(calc "${M[tpw]} / ${D[tpw]}")" "<= 32"
if [ "$BIG" = 1 ]; then
	target "twophase N=$((N + 1)): wall seconds" "${T[tpbig]}" "< 20"
	target "  the same, -expect" "${T[tpbige]}" "< 20"
fi
target "twopc safety states/s / twophase states/s ($NPROC workers)" \
	"$(calc "(${D[pcs]} / ${T[pcs]}) / (${D[tpw]} / ${T[tpw]})")" ">= 0.40"
target "twopc safety: bytes per state" "$(calc "${M[pcs]} / ${D[pcs]}")" "<= 64"
target "twopc default (one pass) / safety: wall" "$(calc "${T[pcc]} / ${T[pcs]}")" "<= 1.5"
target "twopc default (one pass) / safety: peak memory" "$(calc "${M[pcc]} / ${M[pcs]}")" "<= 2"
if [ "$por" = 1 ]; then
	target "twopc safety: states without -por / with -por" "$(calc "${D[pcs]} / ${D[pcp]}")" ">= 5"
fi
exit $status
