"""bench/promise.py VMUX SHARED - the body of bench/25-promise.sh (read its
header). Realised overload is recomputed here with numpy from the canonical
CSVs: per host and slot the summed demand of its VMs present in the later
period, overloaded when any constrained resource is above capacity x
(1 + 2**-23, the store's precision); fleet rate = overloaded host-slots / host-slots over hosts with
at least one VM present. Missing samples inside a VM's span are held for
gaps of up to 12 slots and are absent (0) beyond, the ingest rule."""
import csv, os, resource, statistics, subprocess, sys, tempfile, time
import numpy as np

V, SHARED = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="vmux-promise-")
TARGET = 0.05
RES = ("cpu", "mem")


def run(*args):
    return subprocess.run([V, *args], check=True, capture_output=True,
                          text=True).stdout


def read_trace(path):
    """{vm: {res: array over slots}}, start, step, nslots."""
    rows = list(csv.DictReader(open(path, newline="")))
    times = sorted({float(r["time"]) for r in rows})
    step = min(b - a for a, b in zip(times, times[1:]))
    t0 = times[0]
    n = int(round((times[-1] - t0) / step)) + 1
    res = [r for r in RES if r in rows[0]]
    seen = {}
    for r in rows:
        s = int(round((float(r["time"]) - t0) / step))
        seen.setdefault(r["vm"], {})[s] = [float(r[x] or 0) for x in res]
    out = {}
    for vm, samp in seen.items():
        a = np.zeros((len(res), n))
        keys = sorted(samp)
        for k, nxt in zip(keys, keys[1:] + [None]):
            a[:, k] = samp[k]
            if nxt is not None and nxt - k - 1 <= 12:
                a[:, k + 1:nxt] = np.array(samp[k])[:, None]
        out[vm] = {x: a[i] for i, x in enumerate(res)}
    return out, n


def realised(trace, plan_path, caps):
    """(fleet overload, hosts above target, hosts evaluated)."""
    data, n = trace
    hosts = {}
    for r in csv.DictReader(open(plan_path, newline="")):
        if r["vm"] in data:
            hosts.setdefault(r["host"], []).append(r["vm"])
    over = slots = above = 0
    for vms in hosts.values():
        bad = np.zeros(n, dtype=bool)
        for x, c in caps.items():
            s = sum(data[v][x] for v in vms)
            bad |= s > c * (1 + 2**-23)
        over += int(bad.sum())
        slots += n
        above += bad.mean() > TARGET
    return over / slots, above, len(hosts)


def plan(train, caps, policy="robust", p=95, promise="fleet"):
    out = os.path.join(TMP, "plan.csv")
    args = [train, "--policy", policy, "--percentile", str(p), "--csv",
            "--promise", promise, "-o", out] + capargs(caps)
    row = list(csv.DictReader(run("plan", *args).splitlines()))[0]
    return out, row


def capargs(caps):
    return sum((["--host-" + x, "%g" % c] for x, c in caps.items()), [])


def vmux_eval(test, plan_path):
    rows = list(csv.DictReader(
        run("evaluate", test, "--plan", plan_path, "--csv").splitlines()))
    return float(rows[-1]["overload_rate"])


def meets(test_data, path, caps, scope):
    o, above, nh = realised(test_data, path, caps)
    return o <= TARGET if scope == "fleet" else above <= TARGET * nh


def hindsight_separate(train, test_data, caps, scope="fleet"):
    """Smallest separate plan meeting the target on the later period."""
    levels = [50 + 0.5 * i for i in range(100)]
    best = None
    lo, hi = 0, len(levels) - 1  # overload falls as the percentile rises
    while lo <= hi:
        mid = (lo + hi) // 2
        path, row = plan(train, caps, "separate", levels[mid])
        o = realised(test_data, path, caps)[0]
        if meets(test_data, path, caps, scope):
            best = (levels[mid], int(row["hosts"]), o)
            hi = mid - 1
        else:
            lo = mid + 1
    return best


def separate_plan(X, p, caps):
    """numpy's own separate plan: each VM sized alone at percentile p of
    its slots X[res] (VMs x slots), first-fit decreasing by the largest
    size relative to its capacity (vmux plan --policy separate's order and
    rule). Host of each VM, hosts."""
    size = {x: np.percentile(X[x], p, axis=1, method="inverted_cdf")
            for x in caps}
    key = np.max([size[x] / c for x, c in caps.items()], axis=0)
    loads, host = [], np.empty(len(key), dtype=int)
    for v in np.argsort(-key, kind="stable"):
        for h, load in enumerate(loads):
            if all(load[x] + size[x][v] <= c * (1 + 2**-23)
                   for x, c in caps.items()):
                break
        else:
            loads.append({x: 0.0 for x in caps})
            h = len(loads) - 1
        for x in caps:
            loads[h][x] += size[x][v]
        host[v] = h
    return host, len(loads)


def fleet_rate(X, host, nh, caps, cols):
    """Overloaded host-slots / host-slots of the plan over slots COLS."""
    bad = np.zeros((nh, len(cols)), dtype=bool)
    for x, c in caps.items():
        agg = np.zeros((nh, len(cols)))
        np.add.at(agg, host, X[x][:, cols])
        bad |= agg > c * (1 + 2**-23)
    return bad.mean()


def calibrated_separate(train, test_data, caps, k=4):
    """separate with its level chosen as robust chooses its own, without
    hindsight: the smallest percentile (steps of 0.5 from 50) whose
    held-out overload over k equal blocks of the training window, mean +
    one standard error, is <= the target; the plan at that level on the
    whole window, replayed on the later period. (percentile, hosts,
    realised overload)."""
    data, n = read_trace(train)
    names = sorted(data)
    X = {x: np.array([data[v][x] for v in names]) for x in caps}
    blocks = np.array_split(np.arange(n), k)
    for p in [50 + 0.5 * i for i in range(100)]:
        st = []
        for i in range(k):
            fit = np.concatenate([b for j, b in enumerate(blocks) if j != i])
            host, nh = separate_plan({x: X[x][:, fit] for x in caps}, p, caps)
            st.append(fleet_rate(X, host, nh, caps, blocks[i]))
        if np.mean(st) + np.std(st, ddof=1) / np.sqrt(k) <= TARGET:
            break
    host, nh = separate_plan(X, p, caps)
    test, tn = test_data  # the pairs keep the VMs present in both
    Y = {x: np.array([test[v][x] for v in names]) for x in caps}
    return p, nh, fleet_rate(Y, host, nh, caps, np.arange(tn))


def keep_common(a, b, sa, sb):
    """Write sa, sb: a and b restricted to the VMs present in both."""
    def names(p):
        return {r["vm"] for r in csv.DictReader(open(p, newline=""))}
    common = names(a) & names(b)
    for src, dst in ((a, sa), (b, sb)):
        with open(src, newline="") as f, open(dst, "w", newline="") as g:
            r, w = csv.reader(f), csv.writer(g)
            head = next(r)
            w.writerow(head)
            w.writerows(x for x in r if x[1] in common)
    return len(common)


def split(src, t, a, b):
    with open(src, newline="") as f, open(a, "w", newline="") as fa, \
            open(b, "w", newline="") as fb:
        r = csv.reader(f)
        head = next(r)
        wa, wb = csv.writer(fa), csv.writer(fb)
        wa.writerow(head)
        wb.writerow(head)
        for x in r:
            (wa if float(x[0]) < t else wb).writerow(x)


def imports(pl):
    for d in ("20110303", "20110306", "20110309", "20110322", "20110325"):
        pl[d] = os.path.join(TMP, "pl%s.csv" % d)
        run("import", "planetlab", os.path.join(SHARED, "planetlab", d),
            "-o", pl[d])
    pairs = []
    for a, b in (("20110303", "20110306"), ("20110306", "20110309"),
                 ("20110322", "20110325")):
        ta, tb = (os.path.join(TMP, "pl%s-%s-%s.csv" % (x, a, b))
                  for x in ("A", "B"))
        n = keep_common(pl[a], pl[b], ta, tb)
        for c in (1, 4):
            pairs.append(("PlanetLab %s->%s %d VMs, %d core%s"
                          % (a[4:], b[4:], n, c, "s" if c > 1 else ""),
                          ta, tb, {"cpu": c}))
    bb = os.path.join(TMP, "bb.csv")
    run("import", "bitbrains", os.path.join(SHARED, "bitbrains-rnd", "2013-7"),
        "-o", bb)
    times = [float(r["time"]) for r in csv.DictReader(open(bb, newline=""))]
    ba, bb2 = os.path.join(TMP, "bbA.csv"), os.path.join(TMP, "bbB.csv")
    split(bb, (min(times) + max(times)) / 2, ba, bb2)
    bca, bcb = os.path.join(TMP, "bbcA.csv"), os.path.join(TMP, "bbcB.csv")
    n = keep_common(ba, bb2, bca, bcb)
    for c, m in ((8, 16384), (16, 32768)):
        pairs.append(("Bitbrains 2013-7 halves %d VMs, %d cores/%d GiB"
                      % (n, c, m // 1024), bca, bcb, {"cpu": c, "mem": m}))
    al = os.path.join(TMP, "ali.csv")
    ad = os.path.join(SHARED, "alibaba2018")
    run("import", "alibaba", os.path.join(ad, "machine_usage.csv"), "--meta",
        os.path.join(ad, "machine_meta.csv"), "-o", al)
    aa, ab = os.path.join(TMP, "aliA.csv"), os.path.join(TMP, "aliB.csv")
    split(al, 4 * 86400, aa, ab)
    ca, cb = os.path.join(TMP, "alicA.csv"), os.path.join(TMP, "alicB.csv")
    n = keep_common(aa, ab, ca, cb)
    for c in (128, 192):
        pairs.append(("Alibaba days 0-3->4-7 %d machines, %d cores" % (n, c),
                      ca, cb, {"cpu": c}))
    return pairs


def other_pairs(pl):
    """Pairs of the same shared days that are not goal pairs: each goal
    pair reversed (plan on the later day, replay the earlier) and
    2011-03-03 <-> 03-09 (6 days apart, both ways), at 1 and 4 cores. They
    check the promise where the day-to-day drift has the other sign."""
    pairs = []
    for a, b in (("20110303", "20110306"), ("20110306", "20110309"),
                 ("20110322", "20110325"), ("20110303", "20110309")):
        ta, tb = (os.path.join(TMP, "plO%s-%s-%s.csv" % (x, a, b))
                  for x in ("A", "B"))
        n = keep_common(pl[a], pl[b], ta, tb)
        for src, dst, x, y in ((tb, ta, b, a), (ta, tb, a, b)):
            if (a, b) != ("20110303", "20110309") and src == ta:
                continue  # forward goal pairs are in the first table
            for c in (1, 4):
                pairs.append(("PlanetLab %s->%s %d VMs, %d core%s"
                              % (x[4:], y[4:], n, c, "s" if c > 1 else ""),
                              src, dst, {"cpu": c}))
    return pairs


def other_table(pairs):
    print()
    print("Other pairs of the shared days (not goal pairs; the default "
          "plan, fleet promise)")
    print("| pair | **robust** (q) | interval | covered | held "
          "| best separate (hindsight) | robust / best sep |")
    print("|---|---|---|---|---|---|---|")
    held = cov = tr = ts = 0
    for name, train, test, caps in pairs:
        data = read_trace(test)
        path, row = plan(train, caps)
        o = realised(data, path, caps)[0]
        hs = hindsight_separate(train, data, caps)
        lo, hi = row["estimate_lo"], row["estimate_hi"]
        c = lo != "" and float(lo) <= o <= float(hi) + 1e-12
        held += o <= TARGET
        cov += c
        h = int(row["hosts"])
        if hs:
            tr += h
            ts += hs[1]
        print("| %s | **%d, %.2f %%** (%.4g) | [%.2f, %.2f] %% | %s | %s "
              "| %s | %s |" % (
                  name, h, 100 * o, float(row["level"]),
                  100 * float(lo or 0), 100 * float(hi or 0),
                  "yes" if c else "NO", "yes" if o <= TARGET else "NO",
                  "P%g: %d, %.2f %%" % (hs[0], hs[1], 100 * hs[2])
                  if hs else "none",
                  "%.2f" % (h / hs[1]) if hs else "-"))
    print("other pairs: promise held on %d of %d, interval covered %d of "
          "%d; hosts robust %d vs hindsight separate %d (ratio %.3f)"
          % (held, len(pairs), cov, len(pairs), tr, ts,
             tr / ts if ts else float("nan")))


def one_pair(name, train, test, caps):
    data = read_trace(test)
    res = {}
    for pol in ("separate", "sbp", "joint", "robust"):
        path, row = plan(train, caps, pol)
        o, above, nh = realised(data, path, caps)
        res[pol] = dict(hosts=int(row["hosts"]), o=o, above=above, nh=nh,
                        ev=vmux_eval(test, path), row=row,
                        unplaced=int(row["unplaced"]))
    hs = hindsight_separate(train, data, caps)
    cs = calibrated_separate(train, data, caps)
    path, row = plan(test, caps, "joint")
    bound = int(row["hosts"])
    bo = realised(data, path, caps)[0]
    return res, hs, cs, bound, bo, host_scope(train, data, caps)


def host_scope(train, data, caps):
    """robust --promise host on one pair: hosts, hosts above the target,
    whether its interval (of the share of hosts above) covers the realised
    share, and the hindsight-best separate plan in the same scope."""
    path, row = plan(train, caps, promise="host")
    o, above, nh = realised(data, path, caps)
    lo, hi = row["estimate_lo"], row["estimate_hi"]
    cov = lo != "" and float(lo) <= above / nh <= float(hi) + 1e-12
    return dict(hosts=int(row["hosts"]), above=above, nh=nh, cov=cov,
                lo=lo, hi=hi, hs=hindsight_separate(train, data, caps, "host"))


def host_table(title, rows):
    print()
    print(title)
    print("| pair | robust --promise host: hosts, hosts above | interval "
          "| covered | held | best separate (hindsight, same scope) "
          "| ratio |")
    print("|---|---|---|---|---|---|---|")
    th = ts_ = hh = cov = 0
    for name, h in rows:
        ok = h["above"] <= TARGET * h["nh"]
        hh += ok
        cov += h["cov"]
        hs = h["hs"]
        if hs:
            th += h["hosts"]
            ts_ += hs[1]
        print("| %s | %d, %d of %d | [%.2f, %.2f] %% | %s | %s | %s | %s |"
              % (name, h["hosts"], h["above"], h["nh"],
                 100 * float(h["lo"] or 0), 100 * float(h["hi"] or 0),
                 "yes" if h["cov"] else "NO", "yes" if ok else "NO",
                 "P%g: %d" % (hs[0], hs[1]) if hs else "none",
                 "%.2f" % (h["hosts"] / hs[1]) if hs else "-"))
    print("host promise held on %d of %d pairs, interval covered %d of %d; "
          "hosts robust %d vs hindsight separate %d (ratio %.3f)"
          % (hh, len(rows), cov, len(rows), th, ts_, th / ts_))


def main():
    pl = {}
    pairs = imports(pl)
    print("| pair | separate | sbp | joint | **robust** (q) | robust interval "
          "| covered | held | hosts > 5 % | best separate (hindsight) "
          "| separate calibrated as robust | perfect bound "
          "| robust / best sep | robust / bound |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    tot_r = tot_s = tot_c = 0
    held = covered = agree = n = 0
    ratios = []
    hosts_rows = []
    for name, train, test, caps in pairs:
        res, hs, cs, bound, bo, host = one_pair(name, train, test, caps)
        hosts_rows.append((name, host))
        r = res["robust"]
        lo, hi = r["row"]["estimate_lo"], r["row"]["estimate_hi"]
        cov = lo != "" and float(lo) <= r["o"] <= float(hi) + 1e-12
        ok = r["o"] <= TARGET
        n += 1
        held += ok
        covered += cov
        agree += all(abs(x["o"] - x["ev"]) < 1e-6 for x in res.values())
        if hs:
            tot_r += r["hosts"]
            tot_s += hs[1]
            tot_c += cs[1]
            ratios.append(r["hosts"] / hs[1])
        cell = lambda x: "%d, %.2f %%" % (x["hosts"], 100 * x["o"])
        print("| %s | %s | %s | %s | **%s** (%.4g) | [%s, %s] %% | %s | %s "
              "| %d of %d | %s | P%g: %d, %.2f %% | %d (%.2f %%) | %s "
              "| %.2f |" % (
                  name, cell(res["separate"]), cell(res["sbp"]),
                  cell(res["joint"]), cell(r), float(r["row"]["level"]),
                  "%.2f" % (100 * float(lo)) if lo else "-",
                  "%.2f" % (100 * float(hi)) if hi else "-",
                  "yes" if cov else "NO", "yes" if ok else "NO",
                  r["above"], r["nh"],
                  "P%g: %d, %.2f %%" % (hs[0], hs[1], 100 * hs[2])
                  if hs else "none", cs[0], cs[1], 100 * cs[2], bound,
                  100 * bo, "%.2f" % (r["hosts"] / hs[1]) if hs else "-",
                  r["hosts"] / bound))
    print()
    print("promise held (robust <= 5 %% fleet-wide, numpy): %d of %d pairs"
          % (held, n))
    print("interval covers the realised overload: %d of %d pairs"
          % (covered, n))
    print("hosts, sum over pairs: robust %d, hindsight-best separate %d "
          "(ratio %.3f; mean of the per-pair ratios %.3f; goal <= 1)"
          % (tot_r, tot_s, tot_r / tot_s, statistics.mean(ratios)))
    print("  separate with its level calibrated as robust's (same held-out "
          "blocks, no hindsight): %d hosts (robust / it: %.3f)"
          % (tot_c, tot_r / tot_c))
    print("vmux evaluate agrees with numpy (1e-6) on %d of %d pairs"
          % (agree, n))
    host_table("--promise host (each host on its own: share of hosts above "
               "5 % of their slots must be <= 5 %)", hosts_rows)
    others = other_pairs(pl)
    other_table(others)
    host_table("Other pairs, --promise host",
               [(name, host_scope(train, read_trace(test), caps))
                for name, train, test, caps in others])
    day = os.path.join(TMP, "pl20110303.csv")
    ts, cpu = [], []
    for _ in range(5):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        run("plan", day, "--host-cpu", "1", "-o", os.path.join(TMP, "d.csv"))
        ts.append(time.monotonic() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
    print("one PlanetLab day (2011-03-03, all %s VMs) planned in %.2f s of "
          "CPU, %.2f s wall (medians of 5; goal < 1 s; load average %.1f)"
          % (len(read_trace(day)[0]), statistics.median(cpu),
             statistics.median(ts), os.getloadavg()[0]))


try:
    main()
finally:
    subprocess.run(["rm", "-rf", TMP])
