#!/bin/sh
# Each guest's --param keys: declared beside its code (GUEST_KEYS in
# vmm/guest/prog_NAME.c), exactly the keys its code reads (param_u64 with
# a literal key, only in prog_*.c), and refused before the guest starts
# when unknown, with the valid keys named (`run exit --param n=5000` ran
# all default 10,000 exits before it said 'n' was never read).
. tests/common/e2e.sh
O=$T_DIR

# param_u64 is called in the programs alone, each time with a literal key.
t_eq "param_u64 is read in prog_*.c only" "$(grep -l 'param_u64(' \
	vmm/guest/*.c | grep -v '/prog_\|/lib\.c$')" ""
t_eq "every param_u64 key is a string literal" "$(grep -h 'param_u64(' \
	vmm/guest/prog_*.c | grep -v 'param_u64(p, "[a-z_]*"' | wc -l)" 0
for f in vmm/guest/prog_*.c; do
	g=${f#vmm/guest/prog_}
	g=${g%.c}
	read_keys=$(grep -o 'param_u64(p, "[a-z_]*"' "$f" |
		sed 's/.*"\(.*\)"/\1/' | sort -u | tr '\n' ' ')
	decl=$(sed -n 's/^GUEST_KEYS("\(.*\)");$/\1/p' "$f")
	t_eq "$g: one GUEST_KEYS line" "$(grep -c '^GUEST_KEYS(' "$f")" 1
	t_eq "$g: declared keys = the keys it reads" \
		"$(printf '%s\n' $decl | grep . | sort -u | tr '\n' ' ')" \
		"$read_keys"
	[ "$g" = duty ] && continue # validate drives it, not run
	t_exit 2 "run $g --param zz_unknown=1: exit 2" "$VMUX" run "$g" \
		--param zz_unknown=1 --accel tcg
	want=$(printf '%s\n' $decl | sort | paste -sd, - | sed 's/,/, /g')
	t_grep "option '--param': guest '$g' has no key 'zz_unknown' \(its keys: ${want:-none}\)" \
		"$O/err" "$g: the unknown key and the valid ones are named"
done

# Refused before the guest starts, on both backends: no result printed.
for a in kvm tcg; do
	if [ $a = kvm ] && ! "$VMUX" run hello --accel kvm >/dev/null 2>&1; then
		t_skip "run exit --param n=5000 --accel kvm" "no working /dev/kvm"
		continue
	fi
	t_exit 2 "run exit --param n=5000 --accel $a: exit 2" "$VMUX" run exit \
		--param n=5000 --accel $a
	t_eq "$a: refused before the guest ran (no output)" "$(cat "$O/out")" ""
	t_grep "^vmux run: option '--param': guest 'exit' has no key 'n' \(its keys: iters, mode\)" \
		"$O/err" "$a: 'n' refused, iters and mode named"
	t_eq "$a: no backend was started" "$(grep -c accel "$O/err")" 0
done
t_done
