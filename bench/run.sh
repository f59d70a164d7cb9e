#!/usr/bin/env bash
# bench/run.sh: protocheck against SPIN on Lamport's TwoPhase spec.
#
# For every N in $SIZES (default "7 8 9") it runs, each in its own process so
# that peak memory does not carry over:
#   - protocheck's BFS (bench/cmd/specbench -spec twophase) with every worker count in
#     $WORKERS (default "1 <nproc>");
#   - SPIN on bench/twophase.pml (exhaustive DFS, full state storage:
#     -DSAFETY -DNOREDUCE -DNOCLAIM, hash table 2^w slots sized for N unless
#     $SPIN_W is set, memory limit $MEMLIM MB);
# checks that SPIN's "states stored" equals protocheck's distinct count, and
# prints a table and the ratios. Wall time and peak RSS come from
# /usr/bin/time -v for both tools. Installs spin, gcc and time with apt-get
# when missing (run as root, or with sudo available).
set -euo pipefail

SIZES=${SIZES:-"7 8 9"}
NPROC=$(nproc)
WORKERS=${WORKERS:-$( [ "$NPROC" -gt 1 ] && echo "1 $NPROC" || echo 1 )}
MEMLIM=${MEMLIM:-20000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

. "$here/lib.sh"
(cd "$root" && go build -o "$work/specbench" ./bench/cmd/specbench)

# (wall, cpu, rss and ratio come from lib.sh) key=value fields of specbench's line.
field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" "$1"; }

printf '%-3s %-10s %3s %12s %12s %9s %9s %9s %12s %10s %8s\n' \
	N tool w distinct generated search_s wall_s cpu_s states/s peakRSS_MB B/state
line() { printf '%-3s %-10s %3s %12s %12s %9.2f %9.2f %9.2f %12.0f %10.1f %8.1f\n' "$@"; }

status=0
summary=""
for n in $SIZES; do
	declare -A pcwall=() pccpu=()
	best_w="" best_rss=0 distinct=0
	for w in $WORKERS; do
		/usr/bin/time -v "$work/specbench" -spec twophase -n "$n" -workers "$w" >"$work/pc.out" 2>"$work/pc.time" ||
			{ cat "$work/pc.out" "$work/pc.time" >&2; exit 1; }
		distinct=$(field "$work/pc.out" distinct)
		t=$(wall "$work/pc.time") c=$(cpu "$work/pc.time") m=$(rss "$work/pc.time")
		pcwall[$w]=$t pccpu[$w]=$c best_w=$w best_rss=$m
		line "$n" protocheck "$w" "$distinct" "$(field "$work/pc.out" generated)" \
			"$(field "$work/pc.out" elapsed_s)" "$t" "$c" "$(ratio "$distinct" "$t")" \
			"$(ratio "$m" "1048576")" "$(ratio "$m" "$distinct")"
	done

	d="$work/spin$n"
	mkdir -p "$d"
	w=${SPIN_W:-$(awk "BEGIN{w = int($n*log(6)/log(2)) + 1; print (w < 18 ? 18 : w)}")}
	(cd "$d" && spin -a -DN="$n" "$here/twophase.pml" >/dev/null &&
		gcc -O2 -DSAFETY -DNOREDUCE -DNOCLAIM -DMEMLIM="$MEMLIM" -o pan pan.c &&
		/usr/bin/time -v ./pan -m100000 -w"$w" >pan.out 2>pan.time) ||
		{ cat "$d"/pan.out "$d"/pan.time >&2; exit 1; }
	stored=$(awk '/states, stored/ { printf "%d", $1 }' "$d/pan.out")
	trans=$(awk '/transitions \(= stored\+matched\)/ { printf "%d", $1 }' "$d/pan.out")
	search=$(awk '/pan: elapsed time/ { print $4 }' "$d/pan.out")
	st=$(wall "$d/pan.time") sc=$(cpu "$d/pan.time") sm=$(rss "$d/pan.time")
	line "$n" spin 1 "$stored" "$trans" "$search" "$st" "$sc" "$(ratio "$stored" "$st")" \
		"$(ratio "$sm" "1048576")" "$(ratio "$sm" "$stored")"
	if [ "$stored" != "$distinct" ]; then
		echo "MISMATCH at N=$n: SPIN stored $stored states, protocheck $distinct" >&2
		status=1
	fi

	first=${WORKERS%% *}
	summary+=$(printf '%-3s %10.2f %12.2f %16.2f %12s\n' "$n" \
		"$(ratio "$st" "${pcwall[$best_w]}")" \
		"$(ratio "$sc" "${pccpu[$first]}")" \
		"$(ratio "$best_rss" "$sm")" \
		"$(printf '%.2f (w=%s->%s)' "$(ratio "${pcwall[$first]}" "${pcwall[$best_w]}")" "$first" "$best_w")")$'\n'
	unset pcwall pccpu
done

echo
printf '%-3s %10s %12s %16s %12s\n' N "speed_wall" "speed_cpu_1w" "memory_pc/spin" "speedup"
printf '%s' "$summary"
cat <<'NOTE'
speed_wall   = SPIN wall time / protocheck wall time with the most workers (>1: protocheck faster)
speed_cpu_1w = SPIN CPU time / protocheck CPU time with the first worker count: per-core
               efficiency, robust when other jobs share the machine
memory       = protocheck peak RSS (most workers) / SPIN peak RSS
speedup      = protocheck wall time, first worker count / most workers
NOTE
exit $status
