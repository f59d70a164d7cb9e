#!/bin/sh
# Cross-check protocheck's liveness verdicts against SPIN's on the same
# models: <> done, with and without weak fairness (pan -a vs pan -a -f).
# Prints both verdicts side by side; exits 1 on any disagreement.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if ! command -v spin >/dev/null 2>&1; then
	echo "spin not found: installing it (apt-get install -y spin)" >&2
	apt-get install -y spin >/dev/null || { apt-get update >/dev/null && apt-get install -y spin >/dev/null; }
fi
command -v gcc >/dev/null 2>&1 || { echo "gcc not found" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && go run ./bench/liveness) >"$work/protocheck.txt"

status=0
printf '%-8s %-8s %-10s %-10s\n' model fairness spin protocheck
for m in weak strong; do
	mkdir "$work/$m"
	cp "$here/$m.pml" "$work/$m/"
	(cd "$work/$m" && spin -a "$m.pml" >/dev/null && gcc -O2 -w -o pan pan.c)
	for fair in unfair fair; do
		flag=""
		[ "$fair" = fair ] && flag="-f"
		errors=$(cd "$work/$m" && ./pan -a $flag 2>&1 | sed -n 's/.*errors: \([0-9]*\).*/\1/p')
		case "$errors" in
		0) spin=holds ;;
		[1-9]*) spin=violated ;;
		*) echo "could not read pan's verdict for $m $fair" >&2; exit 2 ;;
		esac
		ours=$(awk -v m="$m" -v f="$fair" '$1 == m && $2 == f { print $3 }' "$work/protocheck.txt")
		mark=""
		if [ "$spin" != "$ours" ]; then
			mark="  <-- DISAGREE"
			status=1
		fi
		printf '%-8s %-8s %-10s %s%s\n' "$m" "$fair" "$spin" "$ours" "$mark"
	done
done
exit $status
