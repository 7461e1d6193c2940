#!/bin/sh
# Every header compiles on its own (house style): each .h in the tree, and
# each the build generates ($VMUX_BUILD/gen), is included twice (its guard
# works) as the only line of a file compiled with -fsyntax-only, with the
# compiler and flags of the build under test ($VMUX_BUILD/cflags.sh, which
# `make test-run` writes): the sources' flags, and for tests/ the tests'
# (-Itests/common); the guest's headers (vmm/guest/) also with the guest's
# compiler and flags. One "ok" when all compile, else a "not ok" for each
# header that does not, with its first error.
. tests/common/e2e.sh
: "${VMUX_BUILD:=build}"
if [ ! -f "$VMUX_BUILD/cflags.sh" ]; then
	t_skip "headers" "no $VMUX_BUILD/cflags.sh (make test-run writes it)"
	t_done
	exit 0
fi
. "$VMUX_BUILD/cflags.sh"

# DIR WHO CC FLAGS HEADER: one compile (run by xargs). When it fails,
# DIR/WHO.HEADER (slashes as underscores) holds "HEADER, with the WHO's
# flags," and the compiler's errors; WHO is build, test or guest.
cat >"$T_DIR/one.sh" <<'EOF'
dir=$1 who=$2 cc=$3 flags=$4 h=$5
out="$dir/$who.$(echo "$h" | tr / _)"
printf '#include "%s"\n#include "%s"\n' "$h" "$h" >"$dir/../$who.$$.c"
$cc $flags -fsyntax-only "$dir/../$who.$$.c" >"$out.log" 2>&1 ||
	{ echo "$h, with the $who's flags,"; cat "$out.log"; } >"$out"
rm -f "$out.log" "$dir/../$who.$$.c"
exit 0
EOF
mkdir "$T_DIR/err"
hdrs=$(git ls-files '*.h' 2>/dev/null ||
	find . -name '*.h' ! -path './build*' | sed 's|^\./||')
gen=$(ls "$VMUX_BUILD"/gen/*.h 2>/dev/null)
{
	for h in $hdrs $gen; do
		case $h in
		tests/*) printf '%s\n' test "$cc" "$test_cflags" "$h" ;;
		vmm/guest/*) printf '%s\n' build "$cc" "$cflags" "$h" \
			guest "$guest_cc" "$guest_cflags" "$h" ;;
		*) printf '%s\n' build "$cc" "$cflags" "$h" ;;
		esac
	done
} | tr '\n' '\0' |
	xargs -0 -n 4 -P "$(nproc 2>/dev/null || echo 2)" \
		sh "$T_DIR/one.sh" "$T_DIR/err"
n=$(echo $hdrs $gen | wc -w)
bad=$(ls "$T_DIR/err")
if [ -z "$bad" ]; then
	t_report 0 "$n headers compile on their own"
fi
for f in $bad; do
	t_report 1 "$(head -1 "$T_DIR/err/$f") compiles on its own" \
		"$(grep -m1 -E 'error|warning' "$T_DIR/err/$f")"
done
t_done
