"""Evidence pictures: the inspectors' photos (scenes drawn with Pillow: a bike shed,
a fire lane, a car park, a gate, a corridor…) saved as small JPEGs, some with the
camera's GPS and time in EXIF, and scanned documents (a notice, a certificate) saved
as 16-colour PNGs; written to YYYY-MM/evidence/.

Each picture is drawn from a generator seeded with its month and file name, so it
comes out the same on every run (with the pinned Pillow).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from PIL import ExifTags, Image, ImageDraw, ImageFilter

from .dates import day
from .output import Output
from .seeds import rng_for


def _sky(draw: ImageDraw.ImageDraw, width: int, horizon: int) -> None:
    for y in range(horizon):
        t = y / max(1, horizon)
        draw.line(
            [(0, y), (width, y)], fill=(int(120 + 80 * t), int(168 + 52 * t), int(222 + 18 * t))
        )


def _ground(draw, width, height, horizon, top, bottom) -> None:
    for y in range(horizon, height):
        t = (y - horizon) / max(1, height - horizon)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=False)),
        )


def _building(draw, rng, x0, y0, x1, y1, colour=(196, 186, 170)) -> None:
    draw.rectangle([x0, y0, x1, y1], fill=colour)
    cols = max(2, (x1 - x0) // 48)
    rows = max(2, (y1 - y0) // 42)
    for i in range(cols):
        for j in range(rows):
            lit = rng.random() < 0.15
            c = (200, 190, 120) if lit else (88, 108, 128)
            wx = x0 + 14 + i * ((x1 - x0 - 20) // cols)
            wy = y0 + 16 + j * ((y1 - y0 - 20) // rows)
            draw.rectangle([wx, wy, wx + 26, wy + 22], fill=c)


def _boxes(draw, rng, n, x0, x1, y0, y1) -> None:
    for _ in range(n):
        x = rng.randint(x0, x1)
        y = rng.randint(y0, y1)
        s = rng.randint(28, 70)
        c = (rng.randint(120, 190), rng.randint(80, 125), rng.randint(40, 75))
        draw.rectangle([x, y, x + s, y + int(s * 0.7)], fill=c, outline=(60, 40, 20))


def _car(draw, rng, x, y, s=1.0) -> None:
    c = rng.choice([(180, 30, 30), (230, 230, 230), (40, 40, 45), (30, 70, 150), (150, 150, 155)])
    draw.rounded_rectangle([x, y, x + int(120 * s), y + int(50 * s)], radius=int(12 * s), fill=c)
    draw.rectangle([x + int(22 * s), y - int(22 * s), x + int(95 * s), y + 2], fill=c)
    draw.rectangle([x + int(30 * s), y - int(17 * s), x + int(88 * s), y - 2], fill=(120, 150, 170))
    for wx in (x + int(25 * s), x + int(95 * s)):
        draw.ellipse(
            [wx - int(14 * s), y + int(38 * s), wx + int(14 * s), y + int(66 * s)],
            fill=(25, 25, 25),
        )


def _bike(draw, x, y) -> None:
    draw.ellipse([x, y, x + 34, y + 34], outline=(30, 30, 30), width=3)
    draw.ellipse([x + 50, y, x + 84, y + 34], outline=(30, 30, 30), width=3)
    draw.line([(x + 17, y + 17), (x + 40, y - 4), (x + 67, y + 17)], fill=(160, 20, 20), width=4)


def _tree(draw, rng, x, y, s) -> None:
    draw.rectangle([x - 5, y, x + 5, y + 60 * s], fill=(100, 70, 40))
    g = (rng.randint(40, 70), rng.randint(110, 150), rng.randint(40, 70))
    draw.ellipse([x - 45 * s, y - 70 * s, x + 45 * s, y + 20 * s], fill=g)


def draw_scene(kind: str, seed: str, size: tuple[int, int]) -> Image.Image:
    width, height = 640, 480
    rng = rng_for("img", seed)
    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    indoor = kind in ("corridor", "room", "garage")
    if indoor:
        wall = (rng.randint(200, 225), rng.randint(195, 215), rng.randint(180, 200))
        draw.rectangle([0, 0, width, height], fill=wall)
        floor = (150, 140, 128) if kind != "garage" else (110, 110, 112)
        draw.polygon([(0, height), (width, height), (420, 300), (220, 300)], fill=floor)
        draw.polygon(
            [(0, 0), (width, 0), (420, 150), (220, 150)], fill=tuple(min(255, c + 20) for c in wall)
        )
        draw.polygon(
            [(0, 0), (220, 150), (220, 300), (0, height)], fill=tuple(c - 25 for c in wall)
        )
        draw.polygon(
            [(width, 0), (420, 150), (420, 300), (width, height)], fill=tuple(c - 15 for c in wall)
        )
        draw.rectangle([220, 150, 420, 300], fill=tuple(c - 40 for c in wall))
        for i in range(4):
            lx = 250 + i * 40
            on = rng.random() > 0.3
            draw.rectangle(
                [lx, 70 + i * 20, lx + 30, 78 + i * 20],
                fill=(250, 250, 220) if on else (90, 90, 90),
            )
        if kind == "corridor":
            draw.rectangle([40, 220, 70, 300], fill=(200, 30, 30))  # extinguisher
            draw.rectangle([520, 200, 580, 380], fill=(120, 85, 55))  # door
        elif kind == "room":
            draw.rectangle([150, 320, 490, 380], fill=(110, 75, 45))
            for i in range(5):
                draw.rectangle([170 + i * 65, 385, 210 + i * 65, 430], fill=(40, 40, 40))
            draw.rectangle([260, 170, 380, 250], fill=(20, 30, 40))  # monitor wall
        else:
            draw.rectangle([0, 330, 200, 400], fill=(230, 200, 40))  # flood barrier area
            for i in range(6):
                draw.line([(i * 35, 400), (i * 35 + 30, 330)], fill=(30, 30, 30), width=6)
    else:
        horizon = int(height * rng.uniform(0.36, 0.46))
        _sky(draw, width, horizon)
        if kind in ("green",):
            _ground(draw, width, height, horizon, (90, 150, 70), (60, 120, 50))
        elif kind in ("lane", "parking", "site"):
            _ground(draw, width, height, horizon, (110, 110, 112), (70, 70, 74))
        else:
            _ground(draw, width, height, horizon, (150, 148, 140), (118, 116, 110))
        bx = rng.randint(320, 420)
        _building(draw, rng, bx, rng.randint(40, 90), width, horizon + 10)
        if kind in ("housing",):
            _building(draw, rng, 0, rng.randint(50, 90), 260, horizon + 10, (205, 180, 160))
            draw.rectangle([100, horizon - 60, 160, horizon + 10], fill=(90, 60, 40))
        if kind == "shed":
            draw.polygon([(40, 150), (360, 130), (370, 170), (30, 190)], fill=(40, 110, 80))
            for x in (50, 200, 350):
                draw.rectangle([x, 170, x + 8, 380], fill=(80, 80, 80))
            for i in range(3):
                _bike(draw, 80 + i * 90, 330)
            _boxes(draw, rng, rng.randint(4, 8), 60, 320, 300, 380)
        elif kind == "lane":
            draw.polygon(
                [(180, height), (460, height), (360, horizon), (280, horizon)], fill=(95, 95, 98)
            )
            for i in range(9):
                y = horizon + 15 + i * 30
                draw.line([(250 - i * 10, y), (390 + i * 10, y + 10)], fill=(230, 190, 30), width=4)
            _boxes(draw, rng, rng.randint(2, 5), 230, 380, horizon + 60, height - 90)
            _bike(draw, 300, height - 80)
        elif kind == "parking":
            for i in range(6):
                x = 20 + i * 105
                draw.line([(x, horizon + 40), (x - 20, height)], fill=(235, 235, 235), width=4)
            for i in range(rng.randint(3, 5)):
                _car(
                    draw,
                    rng,
                    30 + i * 120 + rng.randint(-25, 25),
                    horizon + 90 + rng.randint(0, 80),
                )
        elif kind == "green":
            for i in range(5):
                _tree(
                    draw,
                    rng,
                    60 + i * 120 + rng.randint(-20, 20),
                    horizon - 20,
                    rng.uniform(0.8, 1.3),
                )
            draw.ellipse(
                [180, height - 150, 420, height - 60], fill=(130, 105, 70)
            )  # damaged patch
            draw.line(
                [(200, height - 120), (400, height - 170)], fill=(95, 65, 40), width=14
            )  # fallen trunk
        elif kind == "gate":
            draw.rectangle([60, horizon - 90, 200, horizon + 30], fill=(225, 225, 215))
            draw.rectangle([90, horizon - 60, 170, horizon - 10], fill=(100, 140, 170))
            draw.line([(200, horizon + 10), (460, horizon + 10)], fill=(220, 40, 40), width=8)
            _car(draw, rng, 260, horizon + 70)
        elif kind == "site":
            for i in range(4):
                x = 60 + i * 110
                draw.polygon(
                    [(x, height - 60), (x + 90, height - 60), (x + 45, height - 150)],
                    fill=(150, 150, 145),
                )
            _boxes(draw, rng, 3, 100, 400, height - 120, height - 70)
        elif kind == "drain":
            draw.rectangle([0, height - 140, width, height - 100], fill=(60, 60, 60))
            for x in range(0, width, 20):
                draw.line([(x, height - 140), (x, height - 100)], fill=(30, 30, 30), width=3)
            draw.ellipse([120, height - 120, 520, height - 30], fill=(100, 120, 130))  # puddle
        elif kind == "housing":
            for i in range(2):
                _bike(draw, 300 + i * 100, height - 100)
    img = img.filter(ImageFilter.GaussianBlur(1.1))
    noise = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
    img = Image.blend(img, noise, 0.06)
    if size != (width, height):
        img = img.resize(size, Image.Resampling.LANCZOS)
    return img


def gps_exif(when: dt.datetime, lat: tuple, lon: tuple) -> Image.Exif:
    exif = Image.Exif()
    stamp = when.strftime("%Y:%m:%d %H:%M:%S")
    exif[0x010F] = "HUAWEI"  # Make
    exif[0x0110] = "ELE-AL00"  # Model
    exif[0x0132] = stamp  # DateTime
    exif[ExifTags.IFD.Exif] = {0x9003: stamp, 0x9004: stamp}  # DateTimeOriginal, Digitized
    exif[ExifTags.IFD.GPSInfo] = {
        0: b"\x02\x02\x00\x00",
        1: "N",
        2: lat,
        3: "E",
        4: lon,
    }
    return exif


def write_photo(
    output: Output,
    month: str,
    name: str,
    kind: str,
    flags: tuple = (),
    when: dt.date | None = None,
) -> None:
    """A JPEG photo; ``flags``: "small" (480×360, for service checks), "gps" (EXIF)."""
    path = output.path(f"{month}/evidence/{name}")
    assert not path.exists(), f"evidence written twice: {path}"
    small = "small" in flags
    picture = draw_scene(kind, f"{month}/{name}", (480, 360) if small else (640, 480))
    options: dict[str, Any] = {"quality": 58 if small else 62, "optimize": True}
    if "gps" in flags:
        taken = dt.datetime.combine(when or day(month, 15), dt.time(10, 21, 33))
        options["exif"] = gps_exif(taken, (24.0, 19.0, 35.28), (109.0, 25.0, 6.12))
    picture.save(path, "JPEG", **options)
    output.wrote(path)


def _glyph(draw, rng, x, y, colour) -> None:
    """Something that reads as a printed Chinese character at a glance."""
    for _ in range(rng.randint(3, 5)):
        if rng.random() < 0.55:
            yy = y + rng.randint(1, 16)
            x0 = x + rng.randint(0, 6)
            draw.line([(x0, yy), (x0 + rng.randint(7, 17 - (x0 - x)), yy)], fill=colour, width=2)
        else:
            xx = x + rng.randint(1, 16)
            y0 = y + rng.randint(0, 6)
            draw.line([(xx, y0), (xx, y0 + rng.randint(7, 17 - (y0 - y)))], fill=colour, width=2)


def write_scan(output: Output, month: str, name: str, kind: str) -> None:
    """A 'scanned' document: paper, a red header, lines of text blocks, a red seal."""
    path = output.path(f"{month}/evidence/{name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = rng_for("scan", month, name)
    width, height = 500, 700
    img = Image.new("RGB", (width, height), (246, 244, 238))
    draw = ImageDraw.Draw(img)
    red = (200, 30, 30)
    grey = (70, 70, 70)
    if kind == "certificate":
        draw.rectangle([20, 20, width - 20, height - 20], outline=(190, 150, 60), width=10)
        for i in range(3):
            x0 = 150 + i * 70
            draw.rectangle([x0, 80, x0 + 50, 130], fill=red)
        lines = 6
        top = 220
    else:
        for i in range(rng.randint(6, 9)):
            x0 = 70 + i * 40
            draw.rectangle([x0, 60, x0 + 30, 90], fill=red)
        draw.line([(40, 110), (width - 40, 110)], fill=red, width=3)
        lines = rng.randint(12, 16)
        top = 150
    for j in range(lines):
        y = top + j * 30
        indent = 2 if j == 0 or rng.random() < 0.2 else 0
        chars = rng.randint(10, 16) if j < lines - 1 else rng.randint(4, 9)
        for c in range(chars):
            x = 50 + (indent + c) * 25
            if x > width - 60:
                break
            _glyph(draw, rng, x, y, grey)
    cx, cy = width - 150, height - 150
    draw.ellipse([cx - 60, cy - 60, cx + 60, cy + 60], outline=red, width=6)
    draw.regular_polygon((cx, cy, 20), 5, fill=red)
    for k in range(8):  # the seal's text around the rim
        a = 3.14159 * (0.85 + 0.18 * k)
        gx = cx + int(42 * math.cos(a)) - 6
        gy = cy + int(42 * math.sin(a)) - 6
        draw.rectangle([gx, gy, gx + 11, gy + 11], outline=red, width=2)
    # a scanner never feeds the page quite straight
    img = img.rotate(
        rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, fillcolor=(232, 230, 224)
    )
    img = img.convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    img.save(path, "PNG", optimize=True)
    output.wrote(path)


def write_evidence(output: Output, month: str, spec: tuple, when: dt.date | None = None) -> str:
    """Write the picture ``spec`` = (name, scene, *flags) describes; returns its name."""
    name, kind = spec[0], spec[1]
    flags = tuple(spec[2:])
    if name.endswith(".png"):
        write_scan(output, month, name, kind)
    else:
        write_photo(output, month, name, kind, flags, when)
    return name
