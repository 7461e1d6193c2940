# Helpers for end-to-end tests of the vmux command line, in TAP.
# Source it; $VMUX is the binary under test (set by tests/run.sh).
#   t_ok NAME CMD...            passes if CMD exits 0
#   t_exit CODE NAME CMD...     passes if CMD exits CODE
#   t_grep PATTERN FILE NAME    passes if FILE matches PATTERN (grep -E)
#   t_eq NAME GOT WANT          passes if the strings are equal
#   t_near NAME GOT WANT [TOL]  passes if |GOT - WANT| <= TOL (default
#                               1.5e-6: 6 decimals printed); GOT not empty
#   t_rel NAME GOT WANT         passes if |GOT - WANT| <= 1e-6 x max(1, |WANT|)
#   csv_col FILE KEY COLUMN     prints COLUMN (by header name) of the first
#                               row of the CSV FILE whose first field is KEY
#   t_skip NAME REASON
#   t_done                      prints the plan line; call last
#   shard_v2 IN OUT             IN, a plan shard file, as vmux-plan-shard 2
#                               wrote it (bucket lines without the trend
#                               and absent counts)
#   shard_v3 IN OUT             IN as vmux-plan-shard 3 wrote it (no
#                               count of VMs with no data)
: "${VMUX:=build/vmux}"
# Absolute, so that a test may cd (VMUX=build/vmux from the top folder).
case $VMUX in
/*) ;;
*/*) VMUX=$(cd "$(dirname "$VMUX")" && pwd)/$(basename "$VMUX") ;;
esac
T_N=0
T_DIR=$(mktemp -d)
trap 'rm -rf "$T_DIR"' EXIT
t_report() { # STATUS NAME [DETAIL]
	T_N=$((T_N + 1))
	if [ "$1" -eq 0 ]; then echo "ok $T_N - $2"
	else echo "not ok $T_N - $2${3:+ ($3)}"; fi
}
t_ok() { n=$1; shift; "$@" >"$T_DIR/out" 2>"$T_DIR/err"; rc=$?
	[ $rc -eq 0 ]; t_report $? "$n" "exit $rc: $(head -c 300 "$T_DIR/err")"; }
t_exit() { want=$1 n=$2; shift 2; "$@" >"$T_DIR/out" 2>"$T_DIR/err"; rc=$?
	[ $rc -eq "$want" ]; t_report $? "$n" "exit $rc, wanted $want: $(head -c 300 "$T_DIR/err")"; }
t_grep() { grep -qE -e "$1" "$2"; t_report $? "$3" "no match for '$1' in $2"; }
t_eq() { [ "$2" = "$3" ]; t_report $? "$1" "got '$2', wanted '$3'"; }
t_near() {
	awk -v a="$2" -v b="$3" -v t="${4:-1.5e-6}" 'BEGIN { d = a - b;
		if (d < 0) d = -d; exit !(a != "" && d <= t) }'
	t_report $? "$1" "got '$2', wanted '$3' (+/- ${4:-1.5e-6})"; }
t_rel() {
	awk -v a="$2" -v b="$3" 'BEGIN { d = a - b; if (d < 0) d = -d;
		m = b < 0 ? -b : b; exit !(d <= 1e-6 * (m > 1 ? m : 1)) }'
	t_report $? "$1" "got '$2', wanted '$3' (relative 1e-6)"; }
csv_col() {
	awk -F, -v k="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++)
		if ($i == c) n = i; next } $1 == k { print $n; exit }' "$1"; }
t_skip() { T_N=$((T_N + 1)); echo "ok $T_N # SKIP $1: $2"; }
t_done() { echo "1..$T_N"; }

shard_v2() {
	awk 'NR == 1 { print "vmux-plan-shard 2"; next } /^(nodata|apart|apart_over)\t/ { next }
	/^bucket\t/ { sub(/\t[0-9]+\t[0-9]+\t[0-9]+$/, "") } { print }' "$1" >"$2"
}
shard_v3() {
	awk 'NR == 1 { print "vmux-plan-shard 3"; next } /^(nodata|apart|apart_over)\t/ { next }
	/^bucket\t/ { sub(/\t[0-9]+$/, "") } { print }' "$1" >"$2"
}
