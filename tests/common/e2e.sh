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
#   shard_v1 IN OUT             IN, a plan shard file, as vmux-plan-shard 1
#                               wrote it (as shard_v2, no nofit lines)
#   shard_v2 IN OUT             IN as vmux-plan-shard 2 wrote it (bucket
#                               lines without the trend and absent counts)
#   shard_v3 IN OUT             IN as vmux-plan-shard 3 wrote it (no
#                               count of VMs with no data)
#   shard_v4 IN OUT             ... 4 (no nodata lines), shard_v5 ... 5
#                               (no apart lines)
#   shard_lines FILE            each line of a plan shard file after its
#                               kind (head, stats, row, tail) and a tab
#   shard_rows FILE             the rows of a plan shard file (VM BUCKET
#                               HOST SIZE...)
# The shard helpers tell a shard file's lines apart by position, as the
# format has them, never by first word alone (a VM may be named bucket,
# nofit, nodata, apart, end...): the header up to its `rows N` line, the
# bucket lines (first word bucket, of other than a row's 3 + resources
# fields), the N rows, then the lines keyed by their first word to `end`.
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

shard_lines() {
	awk -F'\t' 'k == "" { k = "head" }
		k == "head" && $1 == "resources" { nres = split($2, a, ",") }
		k == "row" && left == 0 { k = "tail" }
		k == "stats" && !($1 == "bucket" && NF != 3 + nres) {
			k = left ? "row" : "tail" }
		k == "row" { left-- }
		{ print k "\t" $0 }
		k == "head" && $1 == "rows" && NF == 2 { k = "stats"; left = $2 }' "$1"
}
# shard_old IN OUT V CUT DROP: IN as version V wrote it, its bucket lines
# CUT fields shorter, the tail lines whose key matches DROP left out.
shard_old() {
	shard_lines "$1" | awk -F'\t' -v OFS='\t' -v v="$3" -v cut="$4" \
		-v drop="$5" '
		NR == 1 { print "vmux-plan-shard " v; next }
		$1 == "tail" && $2 ~ drop { next }
		$1 == "stats" { o = $2
			for (i = 3; i <= NF - cut; i++) o = o OFS $i
			print o; next }
		{ sub(/^[a-z]*\t/, ""); print }' >"$2"
}
shard_v1() { shard_old "$1" "$2" 1 3 '^(nofit|nodata|apart|apart_over)$'; }
shard_v2() { shard_old "$1" "$2" 2 3 '^(nodata|apart|apart_over)$'; }
shard_v3() { shard_old "$1" "$2" 3 1 '^(nodata|apart|apart_over)$'; }
shard_v4() { shard_old "$1" "$2" 4 0 '^(nodata|apart|apart_over)$'; }
shard_v5() { shard_old "$1" "$2" 5 0 '^(apart|apart_over)$'; }
shard_rows() {
	shard_lines "$1" | awk '/^row\t/ { sub(/^row\t/, ""); print }'
}
