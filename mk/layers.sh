#!/bin/sh
# The layering rule, checked on every build: a file includes only headers
# of its own layer and of the layers it is allowed to build on. Layers,
# lowest first (a folder's layer is its longest prefix in the table):
#
#   lib          errors and exit codes, atomic output, CSV writer, resource
#                names, the option parser: uses nothing of vmux
#   models       statistical and overhead models            on lib
#   vmm          the monitor, its devices and guest code     on lib
#   sim/store    trace store and ingest                      on lib models
#   sim/import   importers, the synthetic trace generator   on ... sim/store
#   sim/plan     planning, evaluation, plan files            on ... sim/store
#   sim/simulate dynamic consolidation over time             on ... sim/plan
#   sim/measure  benchmarks, validation, CPU caps            on ... vmm sim/plan
#   reports      the report writer                           on every engine room
#   sim/cli      the command line                            on everything
#   mpi          vmux-mpi's driver (make mpi only)          on everything
#
# tests/ and bench/ may include anything. Prints each violation as
# FILE:LINE: includes HEADER (layer A may not use layer B); exit 1 if any.
set -u
cd "$(dirname "$0")/.."

allowed() { # LAYER -> the layers it may include
	case $1 in
	lib) echo "lib" ;;
	models) echo "lib models" ;;
	vmm) echo "lib vmm" ;;
	sim/store) echo "lib models sim/store" ;;
	sim/import) echo "lib models sim/store sim/import" ;;
	sim/plan) echo "lib models sim/store sim/plan" ;;
	sim/simulate) echo "lib models sim/store sim/plan sim/simulate" ;;
	sim/measure) echo "lib models vmm sim/store sim/plan sim/measure" ;;
	reports) echo "lib models sim/store sim/plan sim/simulate sim/measure reports" ;;
	sim/cli) echo "lib models vmm sim/store sim/import sim/plan sim/simulate sim/measure reports sim/cli" ;;
	mpi) echo "lib models vmm sim/store sim/import sim/plan sim/simulate sim/measure reports sim/cli mpi" ;;
	*) echo "" ;;
	esac
}

layer_of() { # PATH -> its layer, or nothing if unconstrained
	case $1 in
	lib/*) echo lib ;;
	models/*) echo models ;;
	vmm/*) echo vmm ;;
	sim/store/*) echo sim/store ;;
	sim/import/*) echo sim/import ;;
	sim/plan/*) echo sim/plan ;;
	sim/simulate/*) echo sim/simulate ;;
	sim/measure/*) echo sim/measure ;;
	sim/cli/*) echo sim/cli ;;
	sim/*) echo "sim(no room)" ;;
	reports/*) echo reports ;;
	mpi/*) echo mpi ;;
	*) echo "" ;;
	esac
}

bad=0
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]')
for f in $files; do
	[ -f "$f" ] || continue
	from=$(layer_of "$f")
	[ -n "$from" ] || continue
	ok=$(allowed "$from")
	if [ -z "$ok" ]; then
		echo "$f: in no layer (put it in one of the rooms of mk/layers.sh)"
		bad=1
		continue
	fi
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
	while IFS= read -r line; do
		n=${line%%:*}
		hdr=$(echo "$line" | sed 's/.*include[[:space:]]*"\([^"]*\)".*/\1/')
		case $hdr in */*) ;; *) continue ;; esac # generated, or same folder
		to=$(layer_of "$hdr")
		[ -n "$to" ] || continue
		case " $ok " in *" $to "*) ;; *)
			echo "$f:$n: includes $hdr (layer $from may not use $to)"
			echo x >>"${TMPDIR:-/tmp}/vmux-layers.$$" ;;
		esac
	done
done
if [ -s "${TMPDIR:-/tmp}/vmux-layers.$$" ]; then
	bad=1
fi
rm -f "${TMPDIR:-/tmp}/vmux-layers.$$"
[ $bad -eq 0 ] || { echo "layers: violations above (see mk/layers.sh)"; exit 1; }
