# bench/lib.sh: what the SPIN benchmarks share (sourced, not run). It
# installs spin, gcc and time with apt-get when missing (as root, or with
# sudo) and makes a scratch directory $work, removed on exit.

install() {
	local sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y "$@" >/dev/null 2>&1 ||
		{ $sudo apt-get update >/dev/null && $sudo apt-get install -y "$@" >/dev/null; }
}
command -v spin >/dev/null || { echo "installing spin" >&2; install spin; }
command -v gcc >/dev/null || { echo "installing gcc" >&2; install gcc libc6-dev; }
[ -x /usr/bin/time ] || { echo "installing time" >&2; install time; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Fields of /usr/bin/time -v output: wall seconds, CPU (user+sys) seconds
# and peak RSS bytes; a ratio a/b.
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ { print $2 * 1024 }' "$1"; }
cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.6f", a / b; else print "nan" }'; }
