#!/bin/sh
# Install the Debian packages a build step needs, only those missing.
#   sh mk/deps.sh GROUP...   groups: core bench fuzz browser mpi
# core: build + test + demo; bench: make bench; fuzz: make fuzz;
# browser: the headless-Chromium report test (CI installs it);
# mpi: make mpi / make test-mpi (Open MPI, the reference; CI installs it).
set -u
pkgs=""
for g in "$@"; do
	case "$g" in
	core) pkgs="$pkgs gcc make libc6-dev libgsl-dev libcsv-dev libcmocka-dev libunicorn-dev gnuplot-nox python3 strace" ;;
	bench) pkgs="$pkgs python3 python3-pandas python3-numpy qemu-system-x86" ;;
	fuzz) pkgs="$pkgs clang libclang-rt-14-dev" ;;
	browser) pkgs="$pkgs chromium" ;;
	mpi) pkgs="$pkgs libopenmpi-dev openmpi-bin" ;;
	*) echo "deps.sh: unknown group '$g' (core, bench, fuzz, browser, mpi)" >&2; exit 2 ;;
	esac
done
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "vmux: missing Debian packages:$missing" >&2
	echo "vmux: run as root, or: sudo apt-get install -y$missing" >&2
	exit 69
fi
echo "vmux: installing missing packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || { echo "vmux: apt-get update failed" >&2; exit 69; }
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2 ||
	{ echo "vmux: apt-get install failed for:$missing" >&2; exit 69; }
