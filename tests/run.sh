#!/bin/sh
# Run every test: each cmocka binary under build/tests and each end-to-end
# script tests/e2e/*.sh, all speaking TAP. Prints each failure and ends with
# one line "N passed, N failed[, N skipped]". Exit 1 if anything failed.
#   sh tests/run.sh BUILD_DIR
set -u
build=${1:-build}
export VMUX="$(cd "$build" && pwd)/vmux"
export VMUX_BUILD="$(cd "$build" && pwd)"
export CMOCKA_MESSAGE_OUTPUT=TAP
# Per-binary limit: a hung test fails, it does not stall CI.
limit=${VMUX_TEST_TIMEOUT:-600}
pass=0 fail=0 skip=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() { # NAME STATUS: tally the TAP lines in $log (cmocka marks a
	# skipped test "not ok N # SKIP", a script "ok N # SKIP")
	s=$(grep -cE '^(not )?ok [0-9]+.*# ?SKIP' "$log")
	p=$(grep -E '^ok [0-9]+' "$log" | grep -cvE '# ?SKIP')
	f=$(grep -E '^not ok [0-9]+' "$log" | grep -cvE '# ?SKIP')
	grep -E '^not ok|# ?SKIP' "$log" | sed "s|^|  $1: |"
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		# Crashed, timed out or failed outside a test case.
		echo "  $1: exited with status $2"; tail -5 "$log" | sed 's/^/    /'
		f=1
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
}

for t in $(find "$build/tests" -type f -name 'test_*' -perm -u+x | sort); do
	name=${t#"$build/tests/"}
	timeout -k 10 "$limit" "$t" >"$log" 2>&1
	count "$name" $?
	printf '%-36s done\n' "$name" >&2
done
for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	timeout -k 10 "$limit" sh "$t" >"$log" 2>&1
	count "$t" $?
	printf '%-36s done\n' "$t" >&2
done
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
