#!/bin/sh
# End-to-end tests of `vmux run` with the I/O devices and of `vmux bench`'s
# plumbing. The disk file is hashed here with python3 (FNV-1a 64, written
# out independently) and compared with the guest's report; the NIC's
# frames are counted and hashed by vmux's sink and compared with the
# guest's. On KVM where /dev/kvm works, else on the tcg backend.
. tests/common/e2e.sh
O=$T_DIR

res() { awk -v k="$1" '$0 ~ "^"k" = " { print $NF }' "$2"; }
fnv() { python3 -c '
import sys
h = 0xcbf29ce484222325
for b in open(sys.argv[1], "rb").read(int(sys.argv[2])):
    h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
print(h)' "$1" "$2"; }

t_ok "run --help" "$VMUX" run --help
t_grep "--disk FILE" "$O/out" "run --help lists --disk"
t_grep "--net-port" "$O/out" "run --help lists --net-port"
# --disk-mib is the least size of a --disk FILE: a larger one is used
# whole (the help said "grown to --disk-mib", as if it were the size).
t_grep "a larger FILE is used whole" "$O/out" "run --help: --disk-mib is the least"
head -c 2097152 /dev/zero >"$O/big.img"
t_ok "run disk --disk (2 MiB) --disk-mib 1 --param kib=2048" "$VMUX" run \
	disk --device paravirt --disk "$O/big.img" --disk-mib 1 --param kib=2048
t_exit 1 "... --param kib=2049: one KiB too many" "$VMUX" run disk \
	--device paravirt --disk "$O/big.img" --disk-mib 1 --param kib=2049
t_eq "the guest sees the whole 2 MiB file" \
	"$(res 'result disk_bytes' "$O/out")" 2097152
t_eq "the file is not shrunk" "$(wc -c <"$O/big.img")" 2097152
t_exit 2 "run --disk-mib 0 is a usage error" "$VMUX" run disk --disk-mib 0
# Guest RAM is whole 2 MiB pages: --mem 9 booted a guest of 10 MiB.
t_exit 2 "run hello --mem 9: exit 2" "$VMUX" run hello --mem 9 --accel tcg
t_grep "option '--mem': '9' is odd: .*give 8 or 10" "$O/err" \
	"the odd --mem is named, with the two sizes that work"
# The console in whole lines: 4 vCPUs' greetings ran into each other.
t_ok "run hello --vcpus 4" "$VMUX" run hello --vcpus 4
t_eq "run hello --vcpus 4: 4 whole greetings" "$(grep -cE \
	'^hello from a vmux guest on vCPU [0-3], 64 MiB of RAM$' "$O/out")" 4
t_ok "run hello --mem 10 --accel tcg" "$VMUX" run hello --mem 10 --accel tcg
t_grep "on vCPU 0, 10 MiB of RAM" "$O/out" "--mem 10: the guest has 10 MiB"
mkdir -p "$O/adir"
t_exit 2 "run --disk onto a folder is a usage error" \
	"$VMUX" run disk --disk "$O/adir"
t_grep "option '--disk': '.*adir' is not a regular file" "$O/err" \
	"run --disk: the option is named as every usage error names it"
t_exit 74 "run --disk in a missing folder: exit 74" \
	"$VMUX" run disk --disk "$O/no-such/d.img"
t_grep "option '--disk': cannot open '.*no-such/d.img' \\(read-write\\): No such file" "$O/err" "run --disk: the option and the path are named"
# The disk file is the guest's, not an output: a file named like the
# guest is not mistaken for it (only outputs are checked against inputs).
(cd "$O" && rm -f disk && "$VMUX" run disk --disk disk --disk-mib 1 \
	--param kib=8 >/dev/null 2>&1)
t_report $? "run disk --disk disk: a disk file named as the guest is used"
# --param: a key the guest does not read was ignored (mem with mib=1 chased
# its default 1 MiB and exited 0), a repeated key hid the second value
# and a negative one wrapped to 2^64 - 1: each is exit 2 naming --param.
t_exit 2 "run mem --param mib=1 (mem reads bytes): exit 2" "$VMUX" run mem \
	--param mib=1 --param steps=100
t_grep "option '--param': guest 'mem' has no key 'mib' \(its keys: bytes, passes, seed, steps\)" \
	"$O/err" "the key the guest does not read is named, with its keys"
t_ok "run mem with keys it reads" "$VMUX" run mem --param bytes=65536 \
	--param steps=100 --param passes=1 --param seed=2
t_exit 2 "run hello --param x=1 --vcpus 2 --accel tcg: exit 2" "$VMUX" run \
	hello --param x=1 --vcpus 2 --accel tcg
t_exit 2 "run disk --param kib=8 --param kib=16: exit 2" "$VMUX" run disk \
	--param kib=8 --param kib=16
t_grep "option '--param': 'kib=16' gives a KEY given before" "$O/err" \
	"the repeated key is named"
t_exit 2 "run disk --param kib=-1: exit 2" "$VMUX" run disk --param kib=-1
t_grep "option '--param': 'kib=-1' has a VALUE that is not an integer" \
	"$O/err" "the negative value is named"
# A VALUE is decimal or 0x hex; a leading 0 was octal (kib=010 wrote 8 KiB
# and kib=09 was refused).
t_ok "run disk --param kib=010 --accel tcg" "$VMUX" run disk --param kib=010 \
	--accel tcg
t_eq "kib=010 is 10 KiB" "$(res 'result bytes' "$O/out")" 10240
t_ok "run disk --param kib=09 --accel tcg" "$VMUX" run disk --param kib=09 \
	--accel tcg
t_eq "kib=09 is 9 KiB" "$(res 'result bytes' "$O/out")" 9216
t_ok "run disk --param kib=0x10 --accel tcg" "$VMUX" run disk \
	--param kib=0x10 --accel tcg
t_eq "kib=0x10 is 16 KiB" "$(res 'result bytes' "$O/out")" 16384
for v in 0x -0x1 0x-1 1x 0xg " 1"; do
	t_exit 2 "run disk --param 'kib=$v': exit 2" "$VMUX" run disk \
		--param "kib=$v" --accel tcg
done
# A size of 2^64 bytes or more is out of range (kib=2^64-1 wrapped and
# read "writes 18014398509481983 KiB ... disk too small").
t_exit 1 "run disk --param kib=2^64-1 --accel tcg: exit 1" "$VMUX" run disk \
	--param kib=18446744073709551615 --accel tcg
t_grep "failed: status 3 \(a size --param is out of range" "$O/err" \
	"kib=2^64-1: status 3, a size out of range"
t_ok "bench --help" "$VMUX" bench --help
t_grep "--workloads" "$O/out" "bench --help lists --workloads"
t_exit 2 "bench with an unknown workload" "$VMUX" bench --workloads nope
t_exit 2 "bench --repeat 0" "$VMUX" bench --repeat 0

# Unicorn is linked statically (the Makefile says why): a tcg run needs
# no libunicorn.so at run time, and no library is relocated at start-up.
t_eq "vmux needs no Unicorn library at run time" \
	"$(ldd "$VMUX" | grep -c unicorn)" 0
t_eq "vmux is not a PIE (nothing to relocate at start-up)" \
	"$(readelf -h "$VMUX" | awk '$1 == "Type:" { print $2 }')" EXEC
t_ok "tcg runs hello" "$VMUX" run hello --accel tcg

for dev in emulated paravirt; do
	rm -f "$O/disk.img"
	t_ok "disk guest, $dev" "$VMUX" run disk --device $dev --disk "$O/disk.img" \
		--disk-mib 1 --param kib=24 --param batch_kib=8
	cp "$O/out" "$O/disk-$dev.out"
	t_eq "disk file is 1 MiB ($dev)" "$(wc -c < "$O/disk.img" | tr -d ' ')" 1048576
	t_eq "disk file hash = guest's sum ($dev)" "$(fnv "$O/disk.img" 24576)" \
		"$(res 'result sum' "$O/disk-$dev.out")"
done
t_eq "both styles wrote the same bytes" "$(res 'result sum' "$O/disk-emulated.out")" \
	"$(res 'result sum' "$O/disk-paravirt.out")"

for dev in emulated paravirt; do
	t_ok "net guest, $dev" "$VMUX" run net --device $dev --param frames=50 \
		--param size=256 --stats
	t_eq "sink got every frame ($dev)" "$(res 'sink frames' "$O/out")" 50
	t_eq "sink bytes ($dev)" "$(res 'sink bytes' "$O/out")" 12800
	t_eq "sink hash = guest's sum ($dev)" "$(res 'sink sum' "$O/out")" \
		"$(res 'result sum' "$O/out")"
	t_grep "stats: net +50 frames" "$O/err" "--stats counts the frames ($dev)"
done

t_ok "bench --workloads exit --quick" "$VMUX" bench --workloads exit --quick \
	--repeat 1 --csv
t_grep "^workload,style,variant,accel,native_s,guest_s,overhead_pct,overhead_lo_pct,overhead_hi_pct,exits,per_op_ns" \
	"$O/out" "bench CSV header"
t_eq "bench exit rows" "$(grep -c '^exit,hw,\(pio\|mmio\|cpuid\),\(kvm\|tcg\),' "$O/out")" 3
# The pio guest does 5000 loop exits plus its own few: counted, not guessed.
t_eq "pio exits counted" "$(awk -F, '$3 == "pio" { print ($10 >= 5000 && $10 < 5100) }' "$O/out")" 1
# An exit row's headline is its cost per exit: guest_s / the 5000 exits.
t_eq "exit rows: per_op_ns = guest_s / 5000, headline per_exit" "$(awk -F, '$1 == "exit" {
	d = $6 / 5000 * 1e9 - $11; if (d < 0) d = -d;
	if (d > 0.006 + 1e-6 * $11 || $NF != "per_exit") bad++ }
	END { print bad + 0 }' "$O/out")" 0
# Every workload and style runs, on small sizes (plumbing, not numbers).
t_ok "bench, every workload, --quick --repeat 1" "$VMUX" bench --quick --repeat 1 \
	-o "$O/bench.csv"
for w in cpu priv mem disk net exit; do
	t_eq "bench rows for $w" "$(grep -c "^$w," "$O/bench.csv" | awk '{ print ($1 > 0) }')" 1
done
for s in full para; do
	t_eq "disk and net rows under $s" "$(grep -c "^\(disk\|net\),$s," "$O/bench.csv" | awk '{ print ($1 >= 2) }')" 1
done
# overhead_pct = 100 (guest_s / native_s - 1), recomputed here from the row.
t_eq "overheads follow from the times" "$(awk -F, 'NR > 1 && $5 > 0 {
	d = 100 * ($6 / $5 - 1) - $7; if (d < 0) d = -d;
	if (d > 0.01 * (1 + ($7 < 0 ? -$7 : $7))) bad++ } END { print bad + 0 }' "$O/bench.csv")" 0
t_grep "The lecture's claims" "$O/out" "bench prints the lecture's table"
# Its last column was padded, header and rows: no line ends in a space.
t_eq "bench: no line of its tables ends in a space" "$(grep -c ' $' "$O/out")" 0
t_ok "bench --calibrate" "$VMUX" bench --quick --repeat 1 --accel tcg \
	--calibrate -o "$O/cal.csv"
t_grep "^style,resource,factor,source" "$O/cal.csv" "calibration header"
t_eq "calibration rows" "$(tail -n +2 "$O/cal.csv" | wc -l | tr -d ' ')" 12
t_exit 2 "--calibrate without -o" "$VMUX" bench --calibrate
t_grep "option '--calibrate' needs '-o'" "$O/err" "... naming both"
# The tcg backend, on every machine.
t_ok "run hello --accel tcg" "$VMUX" run hello --accel tcg
t_grep "^hello from a vmux guest" "$O/out" "tcg: the console"
t_ok "run net --accel tcg" "$VMUX" run net --accel tcg --device paravirt --param frames=20
t_eq "tcg: sink hash = guest's sum" "$(res 'sink sum' "$O/out")" "$(res 'result sum' "$O/out")"
t_ok "bench --quick --accel tcg --csv" "$VMUX" bench --quick --repeat 1 --accel tcg \
	--workloads cpu,exit --csv
t_eq "tcg bench rows say tcg" "$(grep -c ',tcg,' "$O/out")" "$(($(wc -l < "$O/out") - 1))"
# --hugepages without reserved pages: the advice asks for what the
# guest's RAM needs, 64 MiB = 32 pages of 2 MiB (it said "echo 33").
free=$(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo 2>/dev/null)
if [ "${free:-0}" -lt 32 ]; then
	t_ok "run hello --hugepages --mem 64 --accel tcg" "$VMUX" run hello \
		--hugepages --mem 64 --accel tcg
	t_grep "no reserved huge pages for 64 MiB \(reserve them with: echo 32 >" \
		"$O/err" "the huge pages to reserve: 32 for 64 MiB"
else
	t_skip "the huge page advice" "$free huge pages are free here"
fi
t_done
