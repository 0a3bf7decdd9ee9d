# make_logo.py - draws the sample logo, content/images/logo.png: the 240 x 64
# design at 4 times its size (960 x 256), antialiased by supersampling, as an
# RGBA PNG. The cover prints it 42 pt high, so 256 pixels are 439 dpi (300 dpi
# or more is what print needs); the site shows it 28 px high.
# usage: python3 tests/tools/make_logo.py content/images/logo.png
import math, struct, sys, zlib

S = 4
W, H = 240 * S, 64 * S
N = 3  # samples per axis

def rrect(px, py, x0, y0, x1, y1, r):
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    hx, hy = (x1 - x0) / 2 - r, (y1 - y0) / 2 - r
    dx, dy = abs(px - cx) - hx, abs(py - cy) - hy
    return math.hypot(max(dx, 0), max(dy, 0)) + min(max(dx, dy), 0) - r

def seg(px, py, ax, ay, bx, by):
    vx, vy = bx - ax, by - ay
    t = max(0, min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)))
    return math.hypot(px - ax - t * vx, py - ay - t * vy)

BLUE, TEAL = (16, 111, 181), (2, 160, 169)
PILL, GREY, WHITE = (22, 93, 186), (64, 72, 84), (255, 255, 255)
pills = [(72, 15, 112, 30, PILL), (118, 15, 146, 30, PILL), (152, 15, 222, 30, PILL),
         (72, 39, 130, 46, GREY), (138, 39, 190, 46, GREY)]

def sample(x, y):
    """Colour and alpha (0..1) at a point of the 240 x 64 design."""
    if rrect(x, y, 6, 6, 58, 58, 10) <= 0:
        t = max(0, min(1, ((x + y) - 36) / 80))
        col = tuple(BLUE[i] + (TEAL[i] - BLUE[i]) * t for i in range(3))
        # The envelope: an outlined rounded rectangle and its flap, white.
        ring = abs(rrect(x, y, 17, 21, 47, 43, 3))
        flap = min(seg(x, y, 18.5, 22.5, 32, 33), seg(x, y, 32, 33, 45.5, 22.5))
        if ring <= 1 or flap <= 1:
            col = WHITE
        return col, 1.0
    for x0, y0, x1, y1, c in pills:
        if rrect(x, y, x0, y0, x1, y1, (y1 - y0) / 2) <= 0:
            return c, 1.0
    return (0, 0, 0), 0.0

rows = []
for j in range(H):
    row = bytearray([0])
    for i in range(W):
        r = g = b = a = 0.0
        for sj in range(N):
            for si in range(N):
                x = (i + (si + 0.5) / N) / S
                y = (j + (sj + 0.5) / N) / S
                c, al = sample(x, y)
                r += c[0] * al; g += c[1] * al; b += c[2] * al; a += al
        if a:
            row += bytes((round(r / a), round(g / a), round(b / a), round(255 * a / (N * N))))
        else:
            row += b"\0\0\0\0"
    rows.append(bytes(row))

def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

# IHDR, one IDAT, IEND and nothing else: bad_input.sh damages the logo's
# chunks where it expects them.
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 6, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
