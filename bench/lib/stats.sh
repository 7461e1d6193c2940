# bench/lib/stats.sh - the summary of repeated runs for the bench scripts
# (sourced). stats [FILE...] prints "median min max" of the numbers, one
# per line, in the FILEs (none: standard input); the median of an even
# count is the lower middle value, a value that was measured.
stats() {
	sort -g "$@" | awk '{ a[NR] = $1 } END {
		print a[int((NR + 1) / 2)], a[1], a[NR] }'
}
