# bench/lib/verdict.sh - the goal line of the bench scripts (sourced; not a
# bench itself, so it sits outside bench/*.sh).
# verdict NAME VALUE LIMIT UNIT prints "  NAME: VALUE UNIT (goal <= LIMIT
# UNIT) PASS" or "... FAIL"; a FAIL sets fail=1, so call it outside $(...).
verdict() {
	if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v <= l) }'; then
		echo "  $1: $2 $4 (goal <= $3 $4) PASS"
	else
		echo "  $1: $2 $4 (goal <= $3 $4) FAIL"; fail=1
	fi
}
