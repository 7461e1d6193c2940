# Helpers for tests that run vmux under the fault-injection shim
# (tests/fault/shim.c, built as $VMUX_BUILD/faultshim.so). Source after
# e2e.sh; NAME is the test's name for the skip line.
#   fault_setup NAME    sets $shim, or skips the whole script without it;
#                       under ASan ($VMUX in an asan build) also sets
#                       fault_asan=1 and lets the shim load before ASan
#   fault_fixture DIR   a 3-VM trace t.csv, a PlanetLab folder pl/ and a
#                       plan plan.csv in DIR
#   fault_sanitized ERR true if the stderr file ERR holds a sanitizer
#                       report (ASan, LeakSanitizer, UBSan)
fault_setup() {
	shim=${VMUX_BUILD:-build}/faultshim.so
	[ -f "$shim" ] || { t_skip "$1" "no $shim"; t_done; exit 0; }
	case "$VMUX" in *asan*)
		# ASan wants to be the first library loaded; the shim goes
		# first anyway (it only forwards, to ASan's functions), so ASan
		# is told not to check, and reports as in any other run.
		export ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
		# Known leaks on out-of-memory paths, each named there.
		export LSAN_OPTIONS="suppressions=$(pwd)/tests/fault/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
		fault_asan=1 ;;
	esac
}

fault_fixture() {
	printf 'time,vm,cpu,mem\n0,a,0.5,1\n300,a,0.25,2\n600,a,0.3,2\n' >"$1/t.csv"
	printf '0,b,0.75,1\n300,b,1,3\n600,b,0.2,1\n0,c,0.1,1\n300,c,0.1,1\n' \
		>>"$1/t.csv"
	mkdir -p "$1/pl/20110303"
	printf '10\n20\n30\n' >"$1/pl/20110303/vm1"
	printf '5\n50\n7\n' >"$1/pl/20110303/vm2"
	"$VMUX" plan "$1/t.csv" --host-cpu 2 -o "$1/plan.csv" >/dev/null 2>&1
}

fault_sanitized() { grep -qE 'Sanitizer|runtime error:' "$1"; }
