#!/usr/bin/env python3
"""(Re)generate the demo spotlight images in media/demo/, one per occupation in fixtures/demo.json.

Each image is a flat illustration made of simple shapes (no text): a colour theme per industry
and a pictogram per occupation, drawn at twice the size and scaled down for smooth edges, then
saved as a 960x600 WebP of a few kilobytes. Needs only the standard library and Pillow:

    .venv/bin/python scripts/make_demo_images.py            # all demo occupations
    .venv/bin/python scripts/make_demo_images.py welder     # only these slugs

The fixture's `spotlight_image` values ("demo/<slug>.webp") and alt texts describe these images;
change both together.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

BASE_DIR = Path(__file__).resolve().parent.parent
FIXTURE = BASE_DIR / "fixtures" / "demo.json"
OUT_DIR = BASE_DIR / "media" / "demo"

WIDTH, HEIGHT = 960, 600
SCALE = 2  # drawn at 2x, then downsampled
W, H = WIDTH * SCALE, HEIGHT * SCALE
QUALITY = 70
MAX_BYTES = 40_000

# bg, soft (backdrop blob), primary, accent, highlight, dark, light (for spark/shine)
PALETTES = {
    "healthcare": dict(
        bg=(231, 244, 241),
        soft=(203, 233, 226),
        primary=(31, 122, 109),
        accent=(92, 194, 176),
        highlight=(242, 166, 90),
        dark=(19, 78, 70),
        light=(255, 255, 255),
    ),
    "advanced-manufacturing": dict(
        bg=(236, 239, 244),
        soft=(215, 223, 235),
        primary=(46, 74, 107),
        accent=(108, 142, 191),
        highlight=(242, 140, 40),
        dark=(29, 46, 68),
        light=(255, 255, 255),
    ),
    "information-technology": dict(
        bg=(239, 238, 251),
        soft=(221, 218, 247),
        primary=(59, 47, 143),
        accent=(124, 111, 224),
        highlight=(46, 196, 182),
        dark=(36, 28, 92),
        light=(255, 255, 255),
    ),
    "construction-and-skilled-trades": dict(
        bg=(251, 243, 228),
        soft=(245, 226, 194),
        primary=(122, 75, 30),
        accent=(224, 160, 48),
        highlight=(47, 111, 143),
        dark=(78, 46, 17),
        light=(255, 214, 102),
    ),
}
FALLBACK_PALETTE = dict(
    bg=(240, 240, 236),
    soft=(224, 224, 216),
    primary=(70, 84, 96),
    accent=(130, 150, 160),
    highlight=(214, 120, 80),
    dark=(40, 48, 56),
    light=(255, 255, 255),
)


# --------------------------------------------------------------------------- helpers
def polar(cx: float, cy: float, r: float, degrees: float) -> tuple[float, float]:
    a = math.radians(degrees)
    return cx + r * math.cos(a), cy + r * math.sin(a)


def circle(d: ImageDraw.ImageDraw, cx, cy, r, **kw) -> None:
    d.ellipse((cx - r, cy - r, cx + r, cy + r), **kw)


def thick_path(d: ImageDraw.ImageDraw, points, fill, width) -> None:
    """A polyline with round joints and caps."""
    d.line(points, fill=fill, width=width, joint="curve")
    for x, y in (points[0], points[-1]):
        circle(d, x, y, width / 2, fill=fill)


def wave(x0, x1, y, amplitude, wavelength, phase=0.0, steps=80):
    return [
        (
            x0 + (x1 - x0) * i / steps,
            y + amplitude * math.sin(phase + 2 * math.pi * ((x1 - x0) * i / steps) / wavelength),
        )
        for i in range(steps + 1)
    ]


def rotated_layer(size, draw_fn, angle) -> Image.Image:
    """Draw on a transparent square layer and rotate it (for tilted capsules and blades)."""
    layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw_fn(ImageDraw.Draw(layer), size)
    return layer.rotate(angle, resample=Image.BICUBIC, expand=False)


def paste_center(img: Image.Image, layer: Image.Image, cx, cy) -> None:
    img.alpha_composite(layer, (int(cx - layer.width / 2), int(cy - layer.height / 2)))


def gear_points(cx, cy, r, teeth, depth, rotation=0.0):
    points = []
    step = 360 / teeth
    for i in range(teeth):
        a = rotation + i * step
        for offset, radius in (
            (0.0, r - depth),
            (0.18, r - depth),
            (0.28, r),
            (0.62, r),
            (0.72, r - depth),
        ):
            points.append(polar(cx, cy, radius, a + offset * step))
    return points


def backdrop(img: Image.Image, p: dict, seed: int) -> None:
    d = ImageDraw.Draw(img)
    # soft blob behind the pictogram
    circle(d, 1180, 600, 470, fill=p["soft"])
    # the dotted semicircle (a nod to the seed page's decoration), bottom left
    for ring, radius in enumerate(range(120, 360, 48)):
        count = 7 + ring * 3
        for i in range(count + 1):
            x, y = polar(250, H, radius, 180 + 180 * i / count)
            circle(d, x, y, 9, fill=p["accent"] if ring % 2 else p["primary"])
    # a few quiet accents, placed by the slug's hash so each image differs a little
    rng = seed
    for _ in range(5):
        rng = (rng * 1103515245 + 12345) & 0x7FFFFFFF
        x = 120 + rng % 520
        rng = (rng * 1103515245 + 12345) & 0x7FFFFFFF
        y = 90 + rng % 560
        r = 10 + rng % 18
        circle(d, x, y, r, outline=p["accent"], width=6)
    circle(d, 1780, 140, 44, fill=p["highlight"])
    circle(d, 1700, 1080, 26, outline=p["primary"], width=8)


# --------------------------------------------------------------------------- motifs
def ultrasound(img, p, cx=1180, cy=640):
    d = ImageDraw.Draw(img)
    apex = (cx, cy - 260)
    for i, r in enumerate((110, 160, 210)):  # sound waves around the probe
        d.arc(
            (apex[0] - r, apex[1] - r - 50, apex[0] + r, apex[1] + r - 50),
            215,
            325,
            fill=p["accent"] if i % 2 else p["primary"],
            width=12,
        )
    box = (apex[0] - 470, apex[1] - 470, apex[0] + 470, apex[1] + 470)
    d.pieslice(box, 42, 138, fill=p["primary"])
    for i, r in enumerate(range(140, 460, 52)):  # echo lines
        d.arc(
            (apex[0] - r, apex[1] - r, apex[0] + r, apex[1] + r),
            47,
            133,
            fill=p["accent"],
            width=10 if i % 2 else 6,
        )
    # a soft, bean-shaped echo off to one side, with speckles
    d.ellipse((cx - 40, cy + 20, cx + 190, cy + 120), fill=p["highlight"])
    d.ellipse((cx + 90, cy - 20, cx + 230, cy + 90), fill=p["highlight"])
    for sx, sy, r in (
        (cx - 150, cy + 60, 14),
        (cx - 110, cy + 130, 9),
        (cx - 200, cy - 10, 10),
        (cx + 40, cy + 150, 8),
        (cx - 60, cy - 40, 7),
    ):
        circle(d, sx, sy, r, fill=p["light"])
    d.rounded_rectangle((cx - 70, cy - 370, cx + 70, cy - 245), radius=30, fill=p["dark"])
    d.rounded_rectangle((cx - 40, cy - 425, cx + 40, cy - 360), radius=16, fill=p["accent"])


def heartbeat(img, p, cx=1180, cy=600):
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((cx - 110, cy - 320, cx + 110, cy + 320), radius=60, fill=p["primary"])
    d.rounded_rectangle((cx - 320, cy - 110, cx + 320, cy + 110), radius=60, fill=p["primary"])
    pts = [
        (cx - 470, cy),
        (cx - 170, cy),
        (cx - 110, cy - 70),
        (cx - 40, cy + 150),
        (cx + 40, cy - 230),
        (cx + 110, cy + 60),
        (cx + 160, cy),
        (cx + 470, cy),
    ]
    thick_path(d, pts, p["light"], 44)
    thick_path(d, pts, p["highlight"], 24)
    hx, hy = cx + 300, cy - 290  # small heart
    circle(d, hx - 38, hy, 44, fill=p["highlight"])
    circle(d, hx + 38, hy, 44, fill=p["highlight"])
    d.polygon([(hx - 80, hy + 16), (hx + 80, hy + 16), (hx, hy + 110)], fill=p["highlight"])


def lungs(img, p, cx=1180, cy=620):
    d = ImageDraw.Draw(img)
    for side in (-1, 1):
        x = cx + side * 175
        d.rounded_rectangle((x - 140, cy - 200, x + 140, cy + 260), radius=130, fill=p["primary"])
        d.ellipse((x - 150 + side * 20, cy - 40, x + 150 + side * 20, cy + 270), fill=p["primary"])
        thick_path(
            d,
            [(cx + side * 40, cy - 120), (x, cy - 20), (x + side * 20, cy + 140)],
            p["accent"],
            18,
        )
        thick_path(d, [(x, cy - 20), (x + side * 90, cy + 40)], p["accent"], 14)
        thick_path(d, [(x + side * 10, cy + 70), (x - side * 60, cy + 170)], p["accent"], 12)
    d.rounded_rectangle((cx - 26, cy - 400, cx + 26, cy - 100), radius=26, fill=p["dark"])
    thick_path(d, [(cx, cy - 130), (cx - 70, cy - 70)], p["dark"], 34)
    thick_path(d, [(cx, cy - 130), (cx + 70, cy - 70)], p["dark"], 34)
    for i, (bx, by, r) in enumerate(
        (
            (cx - 250, cy - 330, 28),
            (cx - 330, cy - 410, 18),
            (cx + 260, cy - 350, 34),
            (cx + 340, cy - 440, 20),
            (cx + 170, cy - 460, 14),
        )
    ):
        circle(d, bx, by, r, outline=p["highlight"] if i % 2 else p["accent"], width=8)
    for side in (-1, 1):  # airflow
        pts = [(cx + side * (120 + 40 * math.sin(t / 6)), cy - 430 + t * 12) for t in range(0, 22)]
        d.line(pts, fill=p["accent"], width=10, joint="curve")


def capsules(img, p, cx=1180, cy=600):
    d = ImageDraw.Draw(img)
    bx, by = cx + 200, cy + 10  # bottle
    d.rounded_rectangle((bx - 140, by - 200, bx + 140, by + 290), radius=46, fill=p["primary"])
    d.rounded_rectangle((bx - 165, by - 290, bx + 165, by - 190), radius=24, fill=p["dark"])
    d.rounded_rectangle((bx - 95, by - 60, bx + 95, by + 130), radius=20, fill=p["light"])
    d.rounded_rectangle((bx - 60, by - 25, bx + 60, by + 5), radius=12, fill=p["accent"])
    d.rounded_rectangle((bx - 60, by + 30, bx + 30, by + 60), radius=12, fill=p["soft"])

    def capsule(colours):
        def draw(layer_draw, size):
            m = size / 2
            layer_draw.rounded_rectangle(
                (m - 150, m - 55, m + 150, m + 55), radius=55, fill=colours[1]
            )
            layer_draw.rounded_rectangle(
                (m - 150, m - 55, m + 5, m + 55), radius=55, fill=colours[0]
            )
            layer_draw.rectangle((m - 40, m - 55, m + 5, m + 55), fill=colours[0])
            layer_draw.rounded_rectangle(
                (m - 115, m - 35, m - 60, m - 20), radius=7, fill=(255, 255, 255, 150)
            )

        return draw

    for x, y, angle, colours in (
        (cx - 260, cy - 200, 35, (p["highlight"], p["light"])),
        (cx - 300, cy + 120, -20, (p["primary"], p["accent"])),
        (cx - 80, cy + 310, 60, (p["highlight"], p["accent"])),
    ):
        paste_center(img, rotated_layer(360, capsule(colours), angle), x, y)
    d = ImageDraw.Draw(img)
    for x, y, r in ((cx - 40, cy - 330, 62), (cx - 110, cy - 40, 54), (cx - 430, cy - 40, 46)):
        circle(d, x, y, r, fill=p["accent"])
        d.line((x - r * 0.6, y - r * 0.2, x + r * 0.6, y + r * 0.2), fill=p["bg"], width=10)


def gears(img, p, cx=1180, cy=600):
    d = ImageDraw.Draw(img)
    for gx, gy, r, teeth, colour, rot in (
        (cx - 110, cy + 60, 270, 12, p["primary"], 4),
        (cx + 250, cy - 220, 180, 9, p["accent"], 11),
        (cx + 270, cy + 250, 125, 8, p["highlight"], 0),
    ):
        d.polygon(gear_points(gx, gy, r, teeth, r * 0.17, rot), fill=colour)
        circle(d, gx, gy, r * 0.62, fill=colour)
        circle(d, gx, gy, r * 0.42, outline=p["bg"], width=int(r * 0.06))
        circle(d, gx, gy, r * 0.18, fill=p["bg"])


def machined_part(img, p, cx=1180, cy=600):
    d = ImageDraw.Draw(img)
    hx, hy = cx - 230, cy - 170  # hex nut
    d.polygon([polar(hx, hy, 210, 30 + 60 * i) for i in range(6)], fill=p["primary"])
    circle(d, hx, hy, 150, outline=p["accent"], width=14)
    circle(d, hx, hy, 92, fill=p["bg"])
    y = cy + 210  # stepped shaft
    for x0, x1, half, colour in (
        (cx - 430, cx - 250, 70, p["accent"]),
        (cx - 250, cx + 20, 110, p["primary"]),
        (cx + 20, cx + 190, 85, p["accent"]),
        (cx + 190, cx + 330, 55, p["primary"]),
    ):
        d.rectangle((x0, y - half, x1, y + half), fill=colour)
    d.rectangle((cx - 250, y - 40, cx + 20, y - 20), fill=p["highlight"])
    kx = cx + 270  # caliper
    d.rounded_rectangle((kx - 22, cy - 420, kx + 22, cy + 60), radius=14, fill=p["dark"])
    d.polygon(
        [
            (kx - 22, cy - 420),
            (kx - 190, cy - 420),
            (kx - 190, cy - 380),
            (kx - 60, cy - 330),
            (kx - 22, cy - 330),
        ],
        fill=p["dark"],
    )
    d.rounded_rectangle((kx - 40, cy - 250, kx + 40, cy - 150), radius=14, fill=p["highlight"])
    d.polygon(
        [(kx - 40, cy - 230), (kx - 190, cy - 230), (kx - 190, cy - 270), (kx - 40, cy - 290)],
        fill=p["highlight"],
    )
    for i in range(9):
        ty = cy - 120 + i * 20
        d.line((kx - 22, ty, kx - 22 + (22 if i % 4 else 40), ty), fill=p["bg"], width=5)


def cnc(img, p, cx=1180, cy=600):
    d = ImageDraw.Draw(img)
    top = cy + 90  # block in perspective
    d.polygon(
        [(cx - 420, top), (cx + 300, top), (cx + 420, top - 110), (cx - 300, top - 110)],
        fill=p["accent"],
    )
    d.rectangle((cx - 420, top, cx + 300, top + 240), fill=p["primary"])
    d.polygon(
        [(cx + 300, top), (cx + 420, top - 110), (cx + 420, top + 130), (cx + 300, top + 240)],
        fill=p["dark"],
    )
    path = [
        (cx - 330, top - 30),
        (cx - 200, top - 85),
        (cx - 130, top - 30),
        (cx, top - 85),
        (cx + 70, top - 30),
        (cx + 200, top - 85),
        (cx + 270, top - 30),
    ]
    for (x0, y0), (x1, y1) in itertools.pairwise(path):
        for k in range(8):
            t = k / 8
            circle(d, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, 8, fill=p["highlight"])
    tx = cx + 200  # end mill above the last point of the path
    d.rounded_rectangle((tx - 60, cy - 470, tx + 60, cy - 250), radius=14, fill=p["dark"])
    d.rectangle((tx - 48, cy - 250, tx + 48, cy - 60), fill=p["soft"])
    for k in range(5):
        y0 = cy - 250 + k * 38
        d.polygon(
            [(tx - 48, y0), (tx + 48, y0 + 24), (tx + 48, y0 + 40), (tx - 48, y0 + 16)],
            fill=p["accent"],
        )
    d.polygon([(tx - 48, cy - 60), (tx + 48, cy - 60), (tx, cy - 20)], fill=p["soft"])
    for sx, sy, a in ((tx - 140, cy - 90, 20), (tx + 130, cy - 120, -30), (tx - 90, cy - 170, 60)):
        d.polygon([polar(sx, sy, 22, a + 120 * i) for i in range(3)], fill=p["highlight"])


def shield(img, p, cx=1180, cy=590):
    d = ImageDraw.Draw(img)
    nodes = [
        (cx - 420, cy - 260),
        (cx - 470, cy + 120),
        (cx + 420, cy - 300),
        (cx + 470, cy + 60),
        (cx + 330, cy + 360),
        (cx - 330, cy + 380),
    ]
    for (x0, y0), (x1, y1) in itertools.pairwise([*nodes, nodes[0]]):
        d.line((x0, y0, x1, y1), fill=p["accent"], width=6)
    for i, (x, y) in enumerate(nodes):
        d.line((x, y, cx, cy), fill=p["soft"], width=6)
        circle(d, x, y, 30, fill=p["highlight"] if i % 2 else p["accent"])

    def outline(scale):
        pts = []
        top = cy - 360 * scale
        for i in range(31):  # right half, from top corner down to the point
            t = i / 30
            x = cx + 300 * scale * math.cos(t * math.pi / 2) ** 0.8
            y = top + 60 * scale + t * 620 * scale
            pts.append((x, y))
        left = [(2 * cx - x, y) for x, y in reversed(pts)]
        corners = [
            (cx - 300 * scale, top + 60 * scale),
            (cx - 200 * scale, top),
            (cx, top - 30 * scale),
            (cx + 200 * scale, top),
        ]
        return [*corners, *pts, *left[:-1]]

    d.polygon(outline(1.0), fill=p["primary"])
    d.polygon(outline(0.78), fill=p["accent"])
    circle(d, cx, cy - 40, 62, fill=p["bg"])
    d.polygon(
        [(cx - 34, cy), (cx + 34, cy), (cx + 52, cy + 150), (cx - 52, cy + 150)], fill=p["bg"]
    )


def code_window(img, p, cx=1180, cy=600):
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((cx - 330, cy - 280, cx + 330, cy + 280), radius=34, fill=p["light"])
    d.rounded_rectangle((cx - 330, cy - 280, cx + 330, cy - 190), radius=34, fill=p["primary"])
    d.rectangle((cx - 330, cy - 220, cx + 330, cy - 190), fill=p["primary"])
    for i, colour in enumerate((p["highlight"], p["accent"], p["soft"])):
        circle(d, cx - 270 + i * 50, cy - 235, 16, fill=colour)
    lines = [
        (0, 260, "accent"),
        (1, 200, "highlight"),
        (1, 300, "primary"),
        (2, 160, "accent"),
        (1, 240, "highlight"),
        (0, 120, "primary"),
    ]
    for row, (indent, length, colour) in enumerate(lines):
        y = cy - 140 + row * 64
        x0 = cx - 270 + indent * 60
        d.rounded_rectangle((x0, y, x0 + length, y + 26), radius=13, fill=p[colour])
    for side in (-1, 1):  # angle brackets framing the window
        x = cx + side * 440
        thick_path(d, [(x, cy - 170), (x + side * 120, cy), (x, cy + 170)], p["highlight"], 48)


def headset(img, p, cx=1130, cy=600):
    d = ImageDraw.Draw(img)
    bx, by = cx + 290, cy - 170  # chat bubbles (behind)
    d.rounded_rectangle((bx - 190, by - 130, bx + 190, by + 100), radius=50, fill=p["accent"])
    d.polygon([(bx + 60, by + 90), (bx + 140, by + 90), (bx + 150, by + 170)], fill=p["accent"])
    bx2, by2 = cx + 360, cy + 110
    d.rounded_rectangle((bx2 - 160, by2 - 90, bx2 + 160, by2 + 90), radius=45, fill=p["highlight"])
    d.polygon(
        [(bx2 - 110, by2 + 80), (bx2 - 40, by2 + 80), (bx2 - 130, by2 + 150)], fill=p["highlight"]
    )
    for i in range(3):
        circle(d, bx2 - 70 + i * 70, by2, 18, fill=p["light"])
    hx, hy = cx - 190, cy  # headset
    d.arc((hx - 250, hy - 330, hx + 250, hy + 170), 180, 360, fill=p["primary"], width=44)
    for side in (-1, 1):
        x = hx + side * 250
        d.rounded_rectangle((x - 70, hy - 110, x + 70, hy + 130), radius=50, fill=p["primary"])
        d.rounded_rectangle((x - 40, hy - 70, x + 40, hy + 90), radius=30, fill=p["dark"])
    d.arc((hx - 100, hy - 40, hx + 300, hy + 330), 70, 170, fill=p["dark"], width=20)
    circle(d, hx + 130, hy + 310, 36, fill=p["highlight"])


def lightning(img, p, cx=1180, cy=560):
    d = ImageDraw.Draw(img)
    cable = [
        (cx + 200, cy + 240),
        (cx + 300, cy + 360),
        (cx + 150, cy + 430),
        (cx - 60, cy + 440),
        (cx - 260, cy + 470),
    ]
    d.line(cable, fill=p["dark"], width=28, joint="curve")
    px, py = cx - 330, cy + 470  # plug
    d.rounded_rectangle((px - 90, py - 70, px + 40, py + 70), radius=26, fill=p["primary"])
    for dy in (-35, 35):
        d.rounded_rectangle(
            (px - 170, py + dy - 12, px - 80, py + dy + 12), radius=8, fill=p["dark"]
        )
    circle(d, cx, cy - 30, 320, fill=p["accent"])
    circle(d, cx, cy - 30, 270, outline=p["light"], width=10)
    bolt = [
        (cx + 50, cy - 300),
        (cx - 150, cy - 10),
        (cx - 20, cy - 10),
        (cx - 90, cy + 250),
        (cx + 160, cy - 80),
        (cx + 30, cy - 80),
        (cx + 130, cy - 300),
    ]
    d.polygon(bolt, fill=p["dark"])


def pipes(img, p, cx=1180, cy=600):
    d = ImageDraw.Draw(img)
    route = [
        (cx - 460, cy - 250),
        (cx - 40, cy - 250),
        (cx - 40, cy + 120),
        (cx + 300, cy + 120),
        (cx + 300, cy - 200),
    ]
    d.line(route, fill=p["primary"], width=100, joint="curve")
    for x, y in route[1:-1]:
        circle(d, x, y, 70, fill=p["primary"])
        circle(d, x, y, 36, fill=p["dark"])
    for (x0, y0), (x1, y1) in itertools.pairwise(route):  # flanges mid-run
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        if y0 == y1:
            d.rounded_rectangle((mx - 20, my - 70, mx + 20, my + 70), radius=8, fill=p["dark"])
        else:
            d.rounded_rectangle((mx - 70, my - 20, mx + 70, my + 20), radius=8, fill=p["dark"])
    ex, ey = route[-1]  # open end, pointing up, and a falling drop beside it
    d.rounded_rectangle((ex - 70, ey - 40, ex + 70, ey), radius=10, fill=p["dark"])
    vx, vy = cx - 250, cy - 250  # valve wheel on the top run
    d.rectangle((vx - 16, vy - 150, vx + 16, vy - 40), fill=p["dark"])
    circle(d, vx, vy - 170, 90, outline=p["accent"], width=22)
    for a in (0, 60, 120):
        d.line(
            (*polar(vx, vy - 170, 80, a), *polar(vx, vy - 170, 80, a + 180)),
            fill=p["accent"],
            width=14,
        )
    circle(d, vx, vy - 170, 24, fill=p["accent"])
    dx, dy = ex + 150, ey + 150
    circle(d, dx, dy, 52, fill=p["highlight"])
    d.polygon([(dx - 50, dy - 16), (dx + 50, dy - 16), (dx, dy - 120)], fill=p["highlight"])
    circle(d, ex + 150, ey + 290, 22, fill=p["highlight"])


def fan(img, p, cx=1180, cy=600):
    d = ImageDraw.Draw(img)
    for k in range(3):  # cool air left, warm air right
        y = cy - 160 + k * 150
        d.line(
            wave(cx - 620, cx - 360, y, 22, 130, k), fill=p["highlight"], width=14, joint="curve"
        )
        d.line(
            wave(cx + 360, cx + 620, y, 22, 130, k + 1), fill=p["accent"], width=14, joint="curve"
        )
    circle(d, cx, cy, 330, fill=p["primary"])
    circle(d, cx, cy, 290, fill=p["soft"])

    def blades(layer_draw, size):
        m = size / 2
        for i in range(4):
            a = i * 90
            pts = [polar(m, m, 40, a - 30)]
            pts += [polar(m, m, 40 + 230 * t, a - 30 + 70 * t**0.7) for t in (0.3, 0.6, 0.9, 1)]
            pts += [polar(m, m, 40 + 230 * t, a + 40 + 20 * t) for t in (1, 0.8, 0.5, 0.2)]
            layer_draw.polygon(pts, fill=p["accent"] + (255,))

    paste_center(img, rotated_layer(620, blades, 12), cx, cy)
    d = ImageDraw.Draw(img)
    circle(d, cx, cy, 64, fill=p["dark"])
    circle(d, cx, cy, 24, fill=p["accent"])


def welding(img, p, cx=1180, cy=640):
    d = ImageDraw.Draw(img)
    d.polygon(
        [(cx - 460, cy + 40), (cx - 10, cy + 40), (cx + 50, cy + 250), (cx - 400, cy + 250)],
        fill=p["primary"],
    )
    d.polygon(
        [(cx + 10, cy + 40), (cx + 460, cy + 40), (cx + 520, cy + 250), (cx + 70, cy + 250)],
        fill=p["dark"],
    )
    d.polygon(
        [(cx - 460, cy + 40), (cx + 460, cy + 40), (cx + 400, cy - 10), (cx - 520, cy - 10)],
        fill=p["accent"],
    )
    for i in range(9):  # weld beads along the seam
        t = i / 8
        circle(d, cx - 20 + 70 * t, cy + 30 + 230 * t, 32, fill=p["dark"])
        circle(d, cx - 20 + 70 * t, cy + 30 + 230 * t, 27, fill=p["accent"])
        circle(d, cx - 26 + 70 * t, cy + 22 + 230 * t, 11, fill=p["light"])
    sx, sy = cx - 10, cy + 20  # spark burst
    for i in range(16):
        a = 190 + i * 10.5
        r1 = 70 + (i % 3) * 20
        r2 = 240 + (i * 37 % 5) * 45
        d.line(
            (*polar(sx, sy, r1, a), *polar(sx, sy, r2, a)),
            fill=p["light"] if i % 2 else p["accent"],
            width=14 if i % 3 else 9,
        )
    circle(d, sx, sy, 56, fill=p["light"])
    for i in range(7):
        x, y = polar(sx, sy, 300 + (i * 53) % 120, 200 + i * 22)
        circle(d, x, y, 12, fill=p["accent"])


def abstract(img, p, cx=1180, cy=600, seed=0):
    """For occupations without a pictogram of their own: rings and a tilted bar."""
    d = ImageDraw.Draw(img)
    for i, r in enumerate((330, 250, 170)):
        circle(d, cx, cy, r, fill=(p["primary"], p["accent"], p["soft"])[i])
    a = seed % 180
    thick_path(d, [polar(cx, cy, 380, a), polar(cx, cy, 380, a + 180)], p["highlight"], 40)
    circle(d, cx, cy, 70, fill=p["dark"])


MOTIFS = {
    "diagnostic-medical-sonographer": ultrasound,
    "registered-nurse": heartbeat,
    "respiratory-therapist": lungs,
    "pharmacy-technician": capsules,
    "industrial-machinery-mechanic": gears,
    "machinist": machined_part,
    "cnc-tool-operator": cnc,
    "information-security-analyst": shield,
    "software-developer": code_window,
    "computer-user-support-specialist": headset,
    "electrician": lightning,
    "plumber": pipes,
    "hvac-technician": fan,
    "welder": welding,
}


# --------------------------------------------------------------------------- main
def demo_occupations() -> list[tuple[str, str]]:
    """(slug, industry slug) for every occupation in the demo fixture."""
    objects = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [
        (o["fields"]["slug"], o["fields"]["industry"][0])
        for o in objects
        if o["model"] == "occupations.occupation"
    ]


def render(slug: str, industry: str) -> Image.Image:
    palette = PALETTES.get(industry, FALLBACK_PALETTE)
    seed = int(hashlib.sha256(slug.encode()).hexdigest()[:8], 16)
    img = Image.new("RGBA", (W, H), palette["bg"] + (255,))
    backdrop(img, palette, seed)
    motif = MOTIFS.get(slug)
    if motif is None:
        abstract(img, palette, seed=seed)
    else:
        motif(img, palette)
    return img.convert("RGB").resize((WIDTH, HEIGHT), Image.LANCZOS)


def main(argv: list[str]) -> int:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    occupations = demo_occupations()
    if argv:
        occupations = [(s, i) for s, i in occupations if s in argv]
    for slug, industry in occupations:
        path = OUT_DIR / f"{slug}.webp"
        render(slug, industry).save(path, "WEBP", quality=QUALITY, method=6)
        size = path.stat().st_size
        flag = "" if size <= MAX_BYTES else "  (over the size budget!)"
        print(f"{path.relative_to(BASE_DIR)}  {size:,} bytes{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
