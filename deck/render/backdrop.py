"""A layout's backdrop: its background and artwork painted with Pillow on a coarse grid, so the
layout stage can check text colours against what is really behind the text.

Fills come from `oxml.masters` (solid, gradient, picture); each artwork shape is painted as its
bounding box, which errs towards the shape (a freeform's corners count as shape).
"""

from __future__ import annotations

import io
import math

from PIL import Image

from ..plan import Backdrop

CELLS_W = 96  # grid cells across the slide: about 8 pt each on a 13.33 in slide


def _rgb(hex_: str) -> tuple[int, int, int]:
    return int(hex_[0:2], 16), int(hex_[2:4], 16), int(hex_[4:6], 16)


def paint(slide_w: float, slide_h: float, background, art) -> Backdrop:
    """The backdrop of a slide `slide_w` × `slide_h` pt: `background` a fill (see
    oxml.masters.fill_of; None: white), `art` [(box in pt, fill)] bottom first; fills with
    transparency are blended over what is under them."""
    w = CELLS_W
    h = max(1, round(w * slide_h / slide_w))
    image = Image.new("RGB", (w, h), (255, 255, 255))
    scale = w / slide_w
    if background:
        _fill(image, (0, 0, w, h), background)
    for (x, y, bw, bh), fill in art:
        box = (round(x * scale), round(y * scale), round((x + bw) * scale),
               round((y + bh) * scale))
        if box[2] > box[0] and box[3] > box[1]:
            _fill(image, box, fill)
    return Backdrop(w, h, image.tobytes())


def _fill(image: Image.Image, box: tuple[int, int, int, int], fill) -> None:
    x0, y0, x1, y1 = box
    size = (x1 - x0, y1 - y0)
    kind = fill[0]
    if kind == "solid":
        _, rgb, alpha = fill
        layer = Image.new("RGB", size, _rgb(rgb))
        if alpha >= 0.999:
            image.paste(layer, (x0, y0))
        else:
            mask = Image.new("L", size, round(alpha * 255))
            image.paste(layer, (x0, y0), mask)
    elif kind == "gradient":
        _, stops, angle = fill
        layer = _gradient(size, stops, angle)
        image.paste(layer, (x0, y0), layer)
    elif kind == "picture":
        try:
            with Image.open(io.BytesIO(fill[1])) as pic:
                pic.draft("RGB", (max(size[0], 8) * 4, max(size[1], 8) * 4))
                layer = pic.convert("RGBA").resize(size, Image.Resampling.BOX)
        except Exception:  # a format Pillow cannot read (EMF, SVG): leave what is under it
            return
        image.paste(layer, (x0, y0), layer)


def _gradient(size: tuple[int, int], stops: list, angle: float | None) -> Image.Image:
    """An RGBA linear gradient through its stops [(position 0–1, RRGGBB, alpha)] along `angle`
    degrees (0: left to right, 90: top to bottom); a radial one (`angle` None) as its stops'
    average."""
    w, h = size
    colours = [(pos, (*_rgb(rgb), round(alpha * 255))) for pos, rgb, alpha in stops]
    if angle is None or len(colours) == 1:
        mean = tuple(round(sum(c[i] for _, c in colours) / len(colours)) for i in range(4))
        return Image.new("RGBA", size, mean)
    out = Image.new("RGBA", size)
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    span = abs(dx) * w + abs(dy) * h or 1.0
    start = min(0, dx * w) + min(0, dy * h)
    pixels = out.load()
    for y in range(h):
        for x in range(w):
            t = min(max(((x + 0.5) * dx + (y + 0.5) * dy - start) / span, 0.0), 1.0)
            pixels[x, y] = _at(colours, t)
    return out


def _at(colours: list, t: float) -> tuple:
    """The colour at `t` between gradient stops (held flat before the first, after the last)."""
    if t <= colours[0][0]:
        return colours[0][1]
    for (p0, c0), (p1, c1) in zip(colours, colours[1:]):
        if t <= p1:
            f = (t - p0) / (p1 - p0) if p1 > p0 else 1.0
            return tuple(round(c0[i] + (c1[i] - c0[i]) * f) for i in range(4))
    return colours[-1][1]
