#!/bin/sh
# bench/05-cli.sh [BUILD] - issue 15's command-line goals, counted:
#  1. option-handling lines in the command line (sim/cli/*.c) before the
#     option parser (commit BASE: main just before it landed) and now, over
#     the same commands (sim/cli/options.c, the shared groups, apart): at
#     most 40 %;
#  2. every numeric option's range stated once: no literal range is written
#     in two places of sim/cli, and the service level's range is one object.
#
# How lines are counted: each top-level block of a sim/cli/*.c file (a
# function, or a declaration with an initializer, from its first line to
# the closing "}" / "};" at column 0) counts whole when it handles options:
# it mentions getopt, optarg, optind, 'struct option', 'struct opt',
# opt_parse, opt_error, error_usage, usage(, help(, or parses numbers
# (strtod, strtol, strtoll, strtoul, strtoull). Comments and blank lines
# between blocks are not counted, nor are type definitions (struct X {...}:
# the arguments a command takes, not how it reads them), nor the commands'
# entry points (main, X_main, plan_command: they run the command, and
# they call the parser either way). The shared parser (lib/opt.c and
# lib/opt_rules.c) and the shared groups (sim/cli/options.c) are printed
# apart: they are a library every command reuses, as getopt_long was
# before.
set -eu
cd "$(dirname "$0")/.."
BASE=${VMUX_CLI_BASE:-f434ee6} # main just before lib/opt landed

count() { # FILE...: option-handling lines of the blocks in the files
	count_split "$@" | awk '{ print $1 + $2 }'
}

# FILE...: the same lines as "TABLES CODE": blocks that are initializers
# (getopt tables before; option tables and command descriptions with their
# help text now) apart from functions (getopt loops, number parsing and
# usage printing before; the checks of what values mean now).
count_split() {
	awk '
	function flush() {
		if (n && first !~ /^(struct|enum|union) [A-Za-z_]* *\{/ &&
		    first !~ /[ *](main|[a-z_]*_main|plan_command)\(/ && block ~ /getopt|optarg|optind|struct option|struct opt[ _]|opt_parse|opt_error|error_usage|usage\(|help\(|strto(d|l|ll|ul|ull)\(/)
			if (first ~ /= *\{? *$/ && first !~ /\(/)
				tables += n
			else
				code += n
		n = 0; block = ""; first = ""
	}
	FNR == 1 { flush(); inb = 0 }
	!inb && /^[A-Za-z_]/ && !/^#/ { inb = 1 }
	inb { n++; block = block "\n" $0; if (n == 1) first = $0 }
	inb && (/^}/ || (/;[ \t]*$/ && !/[{=(,][ \t]*$/ && n == 1)) { inb = 0; flush() }
	END { flush(); print tables + 0, code + 0 }' "$@"
}

if ! git cat-file -e "$BASE^{commit}" 2>/dev/null; then
	echo "bench 05-cli: commit $BASE is not in this repository" >&2
	exit 1
fi
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
git archive "$BASE" sim/cli | tar -x -C "$old"
before=$(count "$old"/sim/cli/*.c)
before_all=$(cat "$old"/sim/cli/*.c | wc -l | tr -d ' ')
# The same files on both sides: commands added since BASE (simulate, ...)
# are not in the comparison.
same=$(cd "$old" && ls sim/cli/*.c)
after=$(count $same)
after_all=$(cat sim/cli/*.c | wc -l | tr -d ' ')
shared=$(cat lib/opt.c lib/opt_rules.c sim/cli/options.c | wc -l | tr -d ' ')
pct=$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.1f", 100 * a / b }')
pct_shared=$(awk -v a="$after" -v s="$shared" -v b="$before" \
	'BEGIN { printf "%.1f", 100 * (a + s) / b }')
echo "option-handling lines in sim/cli commands: before $before (of $before_all), after $after (of $after_all): $pct % (goal <= 40 %)"
split_before=$(count_split "$old"/sim/cli/*.c)
split_after=$(count_split $same)
echo "  of which initializers (option tables; now also the commands' help text): before ${split_before% *}, after ${split_after% *}; functions (before: parsing and usage text; now: checks of what values mean): before ${split_before#* }, after ${split_after#* }"
echo "  with the shared parser and groups (lib/opt.c + lib/opt_rules.c + sim/cli/options.c, $shared lines): $pct_shared %"

# Ranges: each opt_range initializer and OPT_IN(lo, hi) in sim/cli and lib,
# by its bounds; a pair of bounds written twice is a range stated twice.
ranges() { # every range written in sim/cli and lib: "{lo, hi, ...}" or OPT_IN(lo, hi)
	cat sim/cli/*.c lib/*.c | tr -d '\n\t' |
		grep -o 'opt_range [a-z_]* = {[^}]*}\|OPT_IN([^)]*)' |
		sed 's/.*= //; s/OPT_IN(\(.*\))/{\1, false, false}/'
}
dups=$(ranges | sort | uniq -d | wc -l | tr -d ' ')
pct_objs=$(grep -c 'cli_percent_range' sim/cli/*.c | awk -F: '{ s += $2 } END { print s }')
echo "numeric ranges written twice in sim/cli: $dups (goal 0); the service level's range object is used in $pct_objs places, written once (sim/cli/options.c)"
st=0
awk -v p="$pct" 'BEGIN { exit !(p <= 40) }' || { echo "bench 05-cli: option lines above 40 %"; st=1; }
[ "$dups" -eq 0 ] || { echo "bench 05-cli: a range is written twice:"; \
	ranges | sort | uniq -d; st=1; }
exit $st
