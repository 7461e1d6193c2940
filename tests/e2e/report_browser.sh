#!/bin/sh
# The report as a person sees it: a report made from the bundled PlanetLab
# days (as `make demo` makes it: plan, evaluation on a later day, a
# frontier, a short bench where /dev/kvm allows) rendered by headless
# Chromium. Checks that every chart image loads (a probe script added to a
# copy of the page sets the title to "IMAGES loaded/total" from each img's
# naturalWidth, read back with --dump-dom) and that a screenshot of the page
# is not blank (distinct colours counted by decoding the PNG with python3).
# Both probes are first shown to fail on a page with a missing image and on
# a blank page. Skipped, saying why, without Chromium (sh mk/deps.sh
# browser installs it), gnuplot or python3. Run from the repo root.
. tests/common/e2e.sh
. tests/common/report_inputs.sh
T=traces/planetlab
O=$T_DIR

CHROME=$(command -v chromium || command -v chromium-browser || true)
why=
[ -z "$CHROME" ] && why="Chromium is not installed (sh mk/deps.sh browser)"
command -v gnuplot >/dev/null 2>&1 || why="gnuplot is not installed"
command -v python3 >/dev/null 2>&1 || why="python3 is not installed"
if [ -n "$why" ]; then
	for n in "report made" "every image loads" "probe sees a missing image" \
		"screenshot" "screenshot not blank" "blank page seen blank"; do
		t_skip "$n" "$why"
	done
	t_done
	exit 0
fi

# chrome ARGS... URL: headless Chromium with its own profile, 60 s at most.
chrome() {
	timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --no-first-run \
		--user-data-dir="$O/profile" --hide-scrollbars \
		--virtual-time-budget=10000 "$@" 2>>"$O/chrome.log"
}
# probe DIR: the title the probe script sets on DIR/index.html's copy.
probe() {
	sed 's|</body>|<script>window.addEventListener("load", function () { var im = document.images, ok = 0; for (var i = 0; i < im.length; i++) if (im[i].complete \&\& im[i].naturalWidth > 0) ok++; document.title = "IMAGES " + ok + "/" + im.length; });</script></body>|' \
		"$1/index.html" > "$1/probe.html"
	chrome --dump-dom "file://$1/probe.html" |
		sed -n 's|.*<title>\(IMAGES [0-9]*/[0-9]*\)</title>.*|\1|p'
}
# colours PNG: "distinct-colours non-background-fraction" of the image.
cat > "$O/colours.py" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), 'expected 8-bit RGB(A)'
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, seen, counts = bytearray(stride), set(), {}
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        px = bytes(line[x:x + 3])
        counts[px] = counts.get(px, 0) + 1
    prev = line
top = max(counts.values())
print(len(counts), '%.4f' % (1 - top / (w * h)))
PY

report_inputs "$T" "$O" overload_rate
set -- --trace "$O/d1.csv" --plan "$O/plan.csv" --eval "$O/eval.csv" \
	--eval-trace "$O/d2.csv" --frontier "$O/frontier.csv"
if [ -w /dev/kvm ] && "$VMUX" bench --quick --workloads cpu,priv \
	-o "$O/bench.csv" >/dev/null 2>&1; then
	set -- "$@" --bench "$O/bench.csv"
fi
R=$O/report
t_ok "report made" "$VMUX" report "$@" -o "$R"

n=$(grep -o '<img ' "$R/index.html" | wc -l | tr -d ' ')
got=$(probe "$R")
[ "$n" -ge 7 ] && [ "$got" = "IMAGES $n/$n" ]
t_report $? "every image loads" "probe says '$got', the page has $n images"

cp -r "$R" "$O/broken" && rm "$O/broken/correlation.png"
got=$(probe "$O/broken")
[ "$got" = "IMAGES $((n - 1))/$n" ]
t_report $? "probe sees a missing image" "probe says '$got'"

chrome --screenshot="$O/shot.png" --window-size=1200,2400 \
	"file://$R/index.html" >/dev/null
[ -s "$O/shot.png" ]; t_report $? "screenshot" "$(tail -3 "$O/chrome.log")"
set -- $(python3 "$O/colours.py" "$O/shot.png" 2>&1)
# Charts, text and tables: hundreds of colours, a good share not white.
[ "${1:-0}" -ge 50 ] 2>/dev/null &&
	awk -v f="${2:-0}" 'BEGIN { exit !(f >= 0.05) }'
t_report $? "screenshot not blank" "$1 colours, $2 of pixels not background"

printf '<!DOCTYPE html><html><body></body></html>\n' > "$O/blank.html"
chrome --screenshot="$O/blank.png" --window-size=400,300 \
	"file://$O/blank.html" >/dev/null
set -- $(python3 "$O/colours.py" "$O/blank.png" 2>&1)
[ "${1:-0}" -eq 1 ] 2>/dev/null
t_report $? "blank page seen blank" "$1 colours"
t_done
