#!/bin/sh
# `vmux run`'s errors as a user meets them: a guest's failure is named by
# its meaning (the status table in vmm/guest/abi.h), not as a bare number.
# On KVM where /dev/kvm works, else on the tcg backend (--accel auto).
. tests/common/e2e.sh
O=$T_DIR

# --disk FILE that cannot be opened names the option and the file (it
# said "vmux: disk FILE: No such file or directory"); a read-write image,
# so opened where the VM is made, not with the input files.
t_exit 74 "run disk --disk missing: exit 74" "$VMUX" run disk \
	--disk "$O/no/d.img"
t_grep "^vmux: option '--disk': cannot open '$O/no/d.img' \(read-write\): No such file or directory\$" \
	"$O/err" "... the option and the file named"
# kib=4096 is 4096 KiB; --disk-mib 1 is 1024 KiB.
t_exit 1 "run disk larger than its disk: exit 1" "$VMUX" run disk \
	--disk-mib 1 --param kib=4096
t_grep "guest 'disk' failed: status 4 \(disk too small for the workload: it writes 4096 KiB \(--param kib\), the disk holds 1024 KiB; raise --disk-mib or lower --param kib\)" \
	"$O/err" "disk too small: meaning, sizes and remedy"
t_exit 1 "run mem --param bytes=4: exit 1" "$VMUX" run mem --param bytes=4 \
	--param steps=1
t_grep "guest 'mem' failed: status 3 \(a size --param is out of range" \
	"$O/err" "mem's bad working set is named"
# 8 MiB of RAM: the image sits at 2 MiB, so the heap is under 6 MiB.
t_exit 1 "run mem --mem 8 --param bytes=8388608: exit 1" "$VMUX" run mem \
	--mem 8 --param bytes=8388608 --param steps=1
t_grep "does not fit the guest's heap: the guest's heap holds [1-5][0-9]{3} KiB;" \
	"$O/err" "the heap the working set did not fit is said"
t_exit 1 "run exit --param mode=9: exit 1" "$VMUX" run exit --param mode=9
t_grep "guest 'exit' failed: status 2 \(a --param names no such operation; exit takes mode 0-3" \
	"$O/err" "exit's unknown mode is named"
t_exit 1 "run priv --param op=5: exit 1" "$VMUX" run priv --param op=5
t_grep "guest 'priv' failed: status 2 \(a --param names no such operation;.* priv op 0-2" \
	"$O/err" "priv's unknown op is named"
# op=2 runs RDMSR at CPL 3: a #GP, a triple fault with no IDT. It stopped
# with a register dump and no word of why; on both backends the message
# now names the instruction, that it is privileged and that guests run at
# CPL 3, and a note says that for op=2 this is the expected outcome.
for acc in tcg kvm; do
	[ $acc = kvm ] && ! "$VMUX" run hello --accel kvm >/dev/null 2>&1 && continue
	t_exit 1 "run priv --param op=2 --accel $acc: exit 1" "$VMUX" run priv \
		--param op=2 --param iters=1000 --accel $acc
	t_grep "guest 'priv' stopped: guest fault: triple fault \(shutdown\) at rip=0x[0-9a-f]+ .*: the guest executed RDMSR \(read a model-specific register\), a privileged instruction, but guests run unprivileged \(CPL 3\): it raised a general-protection fault" \
		"$O/err" "$acc: the fault says RDMSR is privileged, guests run at CPL 3"
	t_grep "note: this is expected for 'priv --param op=2': it runs RDMSR, .*deliberate test" \
		"$O/err" "$acc: op=2's fault is said to be expected"
done
# disk and net drive one device: with two vCPUs both drove it and the
# run stopped on a "guest fault" (no frame length set, no write command).
for g in disk net; do
	for dev in emulated paravirt; do
		t_exit 1 "run $g --vcpus 2 --device $dev: exit 1" "$VMUX" run \
			$g --vcpus 2 --device $dev
		t_grep "guest '$g' failed: status 7 \(the guest drives its device from one vCPU.*; run it with --vcpus 1" \
			"$O/err" "$g --vcpus 2 ($dev): said why, no guest fault"
	done
done
for g in "hostile_ring mode=9" "hostile_hcall case=4"; do
	t_exit 1 "run ${g% *} --param ${g#* }: exit 1 (no such case)" "$VMUX" \
		run ${g% *} --param ${g#* }
	t_grep "guest '${g% *}' failed: status 2 \(a --param names no such operation;" \
		"$O/err" "${g% *}: the unknown case is named"
done
t_exit 1 "run net --param size=12: exit 1" "$VMUX" run net --param size=12 \
	--param frames=1
t_grep "guest 'net' failed: status 3 \(.*net: size a multiple of 8" \
	"$O/err" "net's bad frame size is named"
# The paravirtual disk's requests are whole 512-byte sectors: req=1 and
# req=1000 ran as 512-byte requests and req=2^32+4096 as 4096-byte ones,
# exit 0, saying nothing of it. Now status 3 naming req; a whole number
# of sectors still runs, writing what the default does.
for r in 0 1 1000 4294971392; do
	t_exit 1 "run disk --device paravirt --param req=$r: exit 1" "$VMUX" \
		run disk --device paravirt --param kib=16 --param req=$r
	t_grep "guest 'disk' failed: status 3 \(.*req a multiple of 512" \
		"$O/err" "req=$r: the request size is named"
done
t_ok "run disk --device paravirt --param req=1024" "$VMUX" run disk \
	--device paravirt --param kib=16 --param req=1024
sum=$(grep '^result sum' "$O/out")
t_ok "run disk --device paravirt (req 4096)" "$VMUX" run disk \
	--device paravirt --param kib=16
t_eq "req=1024 writes what the default does" "$sum" \
	"$(grep '^result sum' "$O/out")"

# duty is validate's guest (it blocks on the slot clock of a trace's
# replay): run neither lists it nor boots it into a port fault.
t_ok "run --help" "$VMUX" run --help
t_grep "^guests: " "$O/out" "run --help lists the guests"
t_eq "run --help does not list duty" "$(grep -c '[ ]duty\b' "$O/out")" 0
t_exit 2 "run duty: exit 2" "$VMUX" run duty
t_grep "guest 'duty' is driven by 'vmux validate'" "$O/err" \
	"run duty says validate drives it"
t_eq "run duty boots nothing" "$(grep -c 'guest fault' "$O/err")" 0

# --net-port: a port nothing receives on is named with the option, in
# both styles (the first datagram may leave before the refusal returns,
# so several frames are sent); out-of-range values name the value.
port=$(python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
for dev in emulated paravirt; do
	t_exit 1 "run net --net-port $port (closed), $dev: exit 1" "$VMUX" run \
		net --device $dev --param frames=20 --param batch=1 \
		--net-port "$port"
	t_grep "option '--net-port': sending to UDP 127.0.0.1:$port failed: Connection refused \(nothing receives on that port" \
		"$O/err" "the closed port is named with the option ($dev)"
	t_grep "NIC: sending a frame to UDP 127.0.0.1:$port failed" "$O/err" \
		"the NIC's fault names the port ($dev)"
done
for v in 0 70000 -1 abc; do
	t_exit 2 "run net --net-port $v: exit 2" "$VMUX" run net --net-port "$v"
	t_grep "option '--net-port': '$v' is" "$O/err" \
		"--net-port $v: the option and the value are named"
done

# --page-size 1g where guests cannot have 1 GiB pages: exit 69 saying
# what is missing (CPUID pdpe1gb), that host huge pages would not help,
# and what to use instead. Unicorn's CPU never offers it.
t_exit 69 "run hello --page-size 1g --accel tcg: exit 69" "$VMUX" run hello \
	--page-size 1g --accel tcg
t_grep "guests on tcg cannot map 1 GiB pages: they need the CPU feature pdpe1gb in their CPUID, and the tcg backend's CPU \(Unicorn's\) does not offer it" \
	"$O/err" "tcg: what is missing"
t_grep "reserving 1 GiB huge pages on the host would not help.*use --page-size 2m \(the default\) or 4k, or --accel kvm" \
	"$O/err" "tcg: what to do"
if ! [ -r /dev/kvm ] || ! [ -w /dev/kvm ]; then
	t_skip "run --page-size 1g on kvm" "/dev/kvm is absent or not usable"
elif "$VMUX" run hello --page-size 1g --accel kvm >"$O/out" 2>"$O/err"; then
	t_skip "run --page-size 1g on kvm" "this KVM offers 1 GiB pages"
else
	t_eq "run hello --page-size 1g --accel kvm: exit 69" "$?" 69
	t_grep "guests on kvm cannot map 1 GiB pages: they need the CPU feature pdpe1gb in their CPUID, and this host's CPU (has it \(/proc/cpuinfo\) but its KVM does not pass it on|does not have it)" \
		"$O/err" "kvm: what is missing"
	t_grep "use --page-size 2m \(the default\) or 4k, or a host whose KVM offers pdpe1gb" \
		"$O/err" "kvm: what to do"
fi

# Every guest run boots, with its defaults, finishes within the default
# --timeout (10 s): on nested KVM, where an exit costs 50-100 us, disk's
# 256 KiB and net's 1000 frames through the emulated devices took 12 s
# and 29 s. A timeout says how far the guest got.
for g in hello cpu priv mem exit disk net; do
	t_ok "run $g with its defaults" "$VMUX" run $g
done
t_exit 1 "run hostile_loop --timeout 0.5: exit 1" "$VMUX" run hostile_loop \
	--timeout 0.5
t_grep "guest 'hostile_loop' ran past --timeout 0.5 s and was stopped, after [0-9] exits? to the monitor$" \
	"$O/err" "a spinning guest: few exits, no advice to wait longer"
t_exit 1 "run disk --param kib=65536 --timeout 0.2: exit 1" "$VMUX" run disk \
	--param kib=65536 --timeout 0.2
t_grep "guest 'disk' ran past --timeout 0.2 s and was stopped, after [0-9]+ exits to the monitor \(still at work: raise --timeout" \
	"$O/err" "a busy guest: its exits counted, raise --timeout"

# An empty file name names nothing: run --disk '' said "disk : No such
# file or directory" (exit 74), bench -o '' and validate -o '' wrote no
# file and exited 0. Each is a usage error naming the option.
t_exit 2 "run disk --disk '': exit 2" "$VMUX" run disk --disk ''
t_grep "option '--disk': '' is empty" "$O/err" "run --disk '': the option named"
t_exit 2 "bench -o '': exit 2" "$VMUX" bench --workloads exit --quick \
	--repeat 1 -o ''
t_grep "option '-o': '' is empty" "$O/err" "bench -o '': the option named"
t_exit 2 "validate --plan '': exit 2" "$VMUX" validate x.csv --plan ''
t_grep "option '--plan': '' is empty" "$O/err" \
	"validate --plan '': the option named"

# Every run has a disk (a temporary file unless --disk), whatever the
# guest: with TMPDIR naming a missing folder `run hello` said "disk
# (temporary file): No such file or directory", naming neither the folder
# nor TMPDIR nor a way out. The message now names all three.
t_exit 74 "run hello, TMPDIR missing: exit 74" env TMPDIR="$O/missing" \
	"$VMUX" run hello --accel tcg
t_grep "cannot create the guest's disk .*in '$O/missing' \(TMPDIR\): No such file or directory; .*--disk FILE" \
	"$O/err" "run hello, TMPDIR missing: the folder, TMPDIR and --disk named"
# bench disk's native side (a file in the guest disk's folder) said only
# "vmux bench: No such file or directory" where TMPDIR names a missing
# folder: the folder and TMPDIR are named now, as for the guest's disk.
t_exit 74 "bench disk, TMPDIR missing: exit 74" env TMPDIR="$O/missing" \
	"$VMUX" bench --workloads disk --styles full --quick --repeat 1 \
	--accel tcg
t_grep "bench: cannot create the native disk file .*in '$O/missing' \(TMPDIR\): No such file or directory; set TMPDIR" \
	"$O/err" "bench disk, TMPDIR missing: the folder and TMPDIR named"
# The disk was made with O_TMPFILE only: on a file system without it (the
# fault shim makes every O_TMPFILE open fail with EOPNOTSUPP) every run
# and bench disk failed. A name unlinked at once stands in now; nothing is
# left in TMPDIR.
shim=${VMUX_BUILD:-build}/faultshim.so
if [ -f "$shim" ] && [ "${VMUX#*asan}" = "$VMUX" ]; then
	mkdir "$O/notmp"
	accels=tcg
	[ -w /dev/kvm ] && accels="tcg kvm"
	for a in $accels; do
		t_ok "run disk, no O_TMPFILE in TMPDIR, $a: runs" env \
			TMPDIR="$O/notmp" LD_PRELOAD="$shim" \
			VMUX_FAULT_NO_TMPFILE=1 "$VMUX" run disk --accel "$a"
		t_grep "^result bytes = 32768" "$O/out" \
			"run disk, no O_TMPFILE, $a: the guest had its disk"
	done
	t_ok "bench disk, no O_TMPFILE in TMPDIR: runs" env \
		TMPDIR="$O/notmp" LD_PRELOAD="$shim" VMUX_FAULT_NO_TMPFILE=1 \
		"$VMUX" bench --workloads disk --quick --repeat 1 \
		--accel tcg -o "$O/notmp.csv"
	t_eq "no O_TMPFILE: nothing left in TMPDIR" "$(ls -A "$O/notmp")" ""
else
	t_skip "disk without O_TMPFILE" "no $shim (or an ASan build)"
fi
t_done
