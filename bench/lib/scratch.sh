# bench/lib/scratch.sh - the preamble of the benches that write big files
# (sourced). scratch_dir KB MESSAGE: needs /usr/bin/time, makes $tmp (a
# temporary folder, removed on exit) and exits 0 with "skip: ..." unless
# it has KB KiB free (MESSAGE says how much, for people).
scratch_dir() {
	[ -x /usr/bin/time ] || { echo "skip: no /usr/bin/time (apt-get install time)"; exit 0; }
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	free=$(df -Pk "$tmp" | awk 'NR == 2 { print $4 }')
	[ "$free" -gt "$1" ] || { echo "skip: $tmp has $((free / 1024)) MiB free, needs $2"; exit 0; }
}
