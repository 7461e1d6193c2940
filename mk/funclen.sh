#!/bin/sh
# The house style's "functions short (aim <= 40 lines)", as a report, not a
# gate (`make funclen`): every function longer than MAX lines, longest
# first, as
#
#   LINES FILE:LINE NAME
#
# A function's lines run from its opening "{" to its closing "}", both
# included (kernel style puts both alone at column 0; the signature is not
# counted). Prints a total line "N functions over MAX lines" last.
#   sh mk/funclen.sh [MAX [FILE...]]   default: 40, every tracked .c file
set -u
cd "$(dirname "$0")/.."
max=${1:-40}
[ $# -gt 0 ] && shift
if [ $# -eq 0 ]; then
	set -- $(git ls-files '*.c' 2>/dev/null ||
		find . -name '*.c' ! -path './build*' | sed 's|^\./||')
fi

awk -v max="$max" '
FNR == 1 { sig = ""; open_at = 0 }
# A line at column 0 starting a declaration starts a new signature; the
# lines after it up to the "{" belong to it.
/^[A-Za-z_]/ && !open_at { sig = $0; next }
/^\{/ && !open_at {
	open_at = FNR
	s = sig
	sub(/\(.*/, "", s)
	n = split(s, w, /[ \t*]+/)
	name = w[n]
	next
}
/^\}/ && open_at {
	len = FNR - open_at + 1
	if (len > max)
		printf "%d %s:%d %s\n", len, FILENAME, open_at, name
	open_at = 0
	sig = ""
	next
}
!open_at && sig != "" { sig = sig " " $0 }
' "$@" | sort -k1,1nr -k2 | awk -v max="$max" '{ print } END {
	printf "%d functions over %d lines\n", NR, max }'
