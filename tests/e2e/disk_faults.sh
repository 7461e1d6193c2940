#!/bin/sh
# Guest disk faults name their host-side cause (issue 16, defect 10): the
# disk guest on a --disk file in a full file system (a 64 KiB tmpfs
# mounted in the test's own folder, as root; skipped otherwise; the guest
# writes 256 KiB into it) says
# "No space left on device"; --disk naming a character device is a usage
# error (exit 2, a node made with mknod in the test's folder). A write
# past the file size limit (ulimit -f) is exit 74 with EFBIG, not a
# SIGXFSZ death, and leaves no temporary file.
. tests/common/e2e.sh
d=$T_DIR

if [ "$(id -u)" -eq 0 ] && mkdir "$d/mnt" &&
	mount -t tmpfs -o size=64k vmux-test "$d/mnt" 2>/dev/null; then
	trap 'umount "$d/mnt"; rm -rf "$d"' EXIT
	t_exit 1 "disk guest on a full file system: the guest fails" \
		"$VMUX" run disk --disk "$d/mnt/disk.img" --disk-mib 1 \
		--param kib=256 --accel tcg
	t_grep "disk '$d/mnt/disk.img' failed on the host: No space left" \
		"$d/err" "the host-side cause is named (ENOSPC)"
else
	t_skip "disk guest on a full file system" "needs root to mount a tmpfs"
fi

if [ "$(id -u)" -eq 0 ] && mknod "$d/zero" c 1 5 2>/dev/null; then
	t_exit 2 "--disk on a character device: exit 2" "$VMUX" run disk \
		--disk "$d/zero" --accel tcg
	t_grep "not a regular file" "$d/err" "says why"
	[ -c "$d/zero" ]
	t_report $? "the node is left a character device"
else
	t_skip "--disk on a character device" "needs root for mknod"
fi
mkfifo "$d/fifo"
t_exit 2 "--disk on a FIFO: exit 2" "$VMUX" run disk --disk "$d/fifo" \
	--accel tcg

t_exit 74 "gen -o past ulimit -f: exit 74, not killed by SIGXFSZ" \
	sh -c "ulimit -f 1; exec '$VMUX' gen --vms 20 --slots 2000 \
	--seed 1 -o '$d/g.csv'"
t_grep "File too large" "$d/err" "EFBIG is named"
# To standard output (spooled in TMPDIR) the message named '-'.
t_exit 74 "gen -o - past ulimit -f: exit 74" env TMPDIR="$d" sh -c \
	"ulimit -f 4; exec '$VMUX' gen --vms 50 --slots 288 --seed 1 -o - \
	>'$d/g.out'"
t_grep "cannot write 'standard output': its spool file in '$d': File too large" \
	"$d/err" "gen -o -: standard output, its spool and EFBIG named"
[ -z "$(find "$d" -name '*.tmp.*')" ]
t_report $? "no temporary file left"
t_done
