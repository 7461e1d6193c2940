"""bench/simulate_speed.py VMUX PLANETLAB DAYS POLICIES OUT - the speed part
of bench/70-simulate.sh (read its header). POLICIES: lines NAME|OPTIONS|
CLOUDSIM_WALL_S. Each measurement is the wall time (perf_counter) and the
CPU time (user + sys of the children, every thread) of whole `vmux
simulate` runs, the day's files loaded and the result written, as a user
runs them; each is taken 3 times and the median kept. Prints one line per
policy-day on the first day, then the 8 x 6 total; writes "WORST TOTAL"
(the slowest policy-day's wall and the total's wall, seconds) to OUT."""
import os, resource, shutil, statistics, subprocess, sys, tempfile, time

V, PL, DAYS, POLICIES, OUT = sys.argv[1:6]
DAYS = DAYS.split()
POLS = [line.split("|") for line in POLICIES.strip().splitlines()]
# Results go to a file of our own, never to a system path such as /dev/null.
RESULT = os.path.join(tempfile.mkdtemp(prefix="vmux-simspeed-"), "r.csv")


def cmd(day, opts):
    return [V, "simulate", os.path.join(PL, day), "--model", "cloudsim",
            *opts.split(), "-o", RESULT]


def once(cmds):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    for c in cmds:
        subprocess.run(c, check=True)
    t1 = time.perf_counter()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return t1 - t0, cpu


def median3(cmds):
    runs = [once(cmds) for _ in range(3)]
    return (statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs))


print(f"{'policy':<8} {'wall s':>7} {'cpu s':>7} {'CloudSim s':>10} "
      f"{'x faster':>9}  goal: wall <= 0.25 s")
worst = 0
for name, opts, ref in POLS:
    wall, cpu = median3([cmd(DAYS[0], opts)])
    worst = max(worst, wall)
    print(f"{name:<8} {wall:7.3f} {cpu:7.3f} {float(ref):10.1f} "
          f"{float(ref) / wall:9.0f}  {'met' if wall <= 0.25 else 'NOT MET'}")
wall, cpu = median3([cmd(d, opts) for d in DAYS for _, opts, _ in POLS])
print(f"{len(POLS)} policies x {len(DAYS)} days: wall {wall:.2f} s, "
      f"cpu {cpu:.2f} s (goal: wall < 15 s)")
with open(OUT, "w") as f:
    f.write(f"{worst:.3f} {wall:.2f}\n")
shutil.rmtree(os.path.dirname(RESULT))
