#!/usr/bin/env bash
# bench/dme.sh: protocheck against SPIN on Ricart and Agrawala's mutual
# exclusion (spec/dme/ricartagrawala and bench/ra.pml, the same model:
# per-pair FIFO channels, one atomic step per handler, the same variables).
#
# For every N in $SIZES (default "3 4"), one request per process,
# fault-free, it runs, each in its own process so that peak memory does not
# carry over:
#   - protocheck's CLI, built once: check run ricart-agrawala -n N
#     -requests 1 -network fifo -faults none -history off -props safety
#     (BFS, the safety properties: mutual exclusion, deadlock freedom and the
#     reachability witnesses; no liveness pass, as SPIN's -DSAFETY has none),
#     with every worker count in $WORKERS (default "1 <nproc>"). -history
#     off: the lock history (the catalogue's default) is part of the state
#     and ra.pml has none;
#   - SPIN on bench/ra.pml (exhaustive DFS, full state storage: -DSAFETY
#     -DNOREDUCE -DNOCLAIM; hash table 2^w slots, $SPIN_W or sized for N;
#     memory limit $MEMLIM MB); its assertion is mutual exclusion.
# It checks that both runs are complete and find nothing violated, and that
# SPIN's "states, stored" equals protocheck's distinct states, and prints a
# table and the speed ratios measured in this run. Wall time and peak RSS
# come from /usr/bin/time -v for both tools. Installs spin, gcc and time
# with apt-get when missing (run as root, or with sudo available).
set -euo pipefail

SIZES=${SIZES:-"3 4"}
NPROC=$(nproc)
WORKERS=${WORKERS:-$( [ "$NPROC" -gt 1 ] && echo "1 $NPROC" || echo 1 )}
MEMLIM=${MEMLIM:-8000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

. "$here/lib.sh"
(cd "$root" && go build -o "$work/check" ./cmd/check)

# (wall, cpu, rss and ratio come from lib.sh) a number from check's -json output.
# speed: a ratio of two times, or n/a when either is under 0.05 s (the
# timers' resolution is 0.01 s).
speed() { awk -v a="$1" -v b="$2" 'BEGIN { if (a < 0.05 || b < 0.05) print "n/a"; else printf "%.2f", a / b }'; }
json() { sed -n "s/^  \"$2\": \([^,]*\),*$/\1/p" "$1"; }

echo "ricart-agrawala, one request per process, fault-free, FIFO channels, safety properties"
printf '%-3s %-10s %3s %12s %9s %9s %9s %12s %10s %8s\n' \
	N tool w states search_s wall_s cpu_s states/s peakRSS_MB B/state
line() { printf '%-3s %-10s %3s %12s %9.2f %9.2f %9.2f %12.0f %10.1f %8.1f\n' "$@"; }

status=0
summary=""
for n in $SIZES; do
	declare -A pcwall=() pccpu=() pcsearch=()
	best_w="" best_rss=0 distinct=0
	for w in $WORKERS; do
		code=0
		/usr/bin/time -v "$work/check" run ricart-agrawala -n "$n" -requests 1 -network fifo -faults none \
			-history off -props safety -workers "$w" -json -quiet >"$work/pc.json" 2>"$work/pc.time" || code=$?
		if [ "$code" != 0 ] || [ "$(json "$work/pc.json" complete)" != true ]; then
			echo "protocheck N=$n w=$w: exit $code (0: complete, every property holds)" >&2
			cat "$work/pc.json" "$work/pc.time" >&2
			exit 1
		fi
		distinct=$(json "$work/pc.json" distinct_states)
		t=$(wall "$work/pc.time") c=$(cpu "$work/pc.time") m=$(rss "$work/pc.time")
		pcwall[$w]=$t pccpu[$w]=$c best_w=$w best_rss=$m
		pcsearch[$w]=$(json "$work/pc.json" elapsed_seconds)
		line "$n" protocheck "$w" "$distinct" "${pcsearch[$w]}" "$t" "$c" \
			"$(ratio "$distinct" "$t")" "$(ratio "$m" "1048576")" "$(ratio "$m" "$distinct")"
	done

	d="$work/spin$n"
	mkdir -p "$d"
	w=${SPIN_W:-$( [ "$n" -le 3 ] && echo 18 || echo $((4 * n + 6)) )}
	(cd "$d" && spin -a -DN="$n" "$here/ra.pml" >/dev/null &&
		gcc -w -O2 -DSAFETY -DNOREDUCE -DNOCLAIM -DMEMLIM="$MEMLIM" -o pan pan.c &&
		/usr/bin/time -v ./pan -m10000 -w"$w" >pan.out 2>pan.time) ||
		{ cat "$d"/pan.out "$d"/pan.time >&2; exit 1; }
	stored=$(awk '/states, stored/ { printf "%d", $1 }' "$d/pan.out")
	errors=$(awk '/errors:/ { print $NF }' "$d/pan.out")
	search=$(awk '/pan: elapsed time/ { print $4 }' "$d/pan.out")
	st=$(wall "$d/pan.time") sc=$(cpu "$d/pan.time") sm=$(rss "$d/pan.time")
	line "$n" spin 1 "$stored" "$search" "$st" "$sc" "$(ratio "$stored" "$st")" \
		"$(ratio "$sm" "1048576")" "$(ratio "$sm" "$stored")"
	if [ "$errors" != 0 ]; then
		echo "SPIN found $errors errors at N=$n (mutual exclusion, or an invalid end state)" >&2
		status=1
	fi
	if [ "$stored" != "$distinct" ]; then
		echo "MISMATCH at N=$n: SPIN stored $stored states, protocheck $distinct" >&2
		status=1
	fi

	first=${WORKERS%% *}
	summary+=$(printf '%-3s %12s %8s %10s %12s %12s %16.2f\n' "$n" "$distinct" \
		"$( [ "$stored" = "$distinct" ] && echo equal || echo DIFFER)" \
		"$(speed "$st" "${pcwall[$best_w]}")" \
		"$(speed "$sc" "${pccpu[$first]}")" \
		"$(speed "$search" "${pcsearch[$best_w]}")" \
		"$(ratio "$best_rss" "$sm")")$'\n'
	unset pcwall pccpu pcsearch
done

echo
printf '%-3s %12s %8s %10s %12s %12s %16s\n' N states "spin=pc" "speed_wall" "speed_cpu_1w" "speed_search" "memory_pc/spin"
printf '%s' "$summary"
cat <<'NOTE'
speed_wall   = SPIN wall time / protocheck wall time with the most workers (>1: protocheck faster)
speed_cpu_1w = SPIN CPU time / protocheck CPU time with the first worker count: per-core
               efficiency, robust when other jobs share the machine
speed_search = SPIN's own search time / protocheck's (most workers): the searches alone
memory       = protocheck peak RSS (most workers) / SPIN peak RSS
wall and CPU times are whole processes (protocheck: the check CLI; SPIN: pan, compiled
beforehand); search_s is each tool's own timing of its search. n/a: a time under 0.05 s.
NOTE
exit $status
