"""Theme files: found by name or path, loaded like outlines (located errors), checked.

A theme is `theme.yaml` in a folder: any of `theme.Theme`'s fields, overriding the defaults.
Font files and background images are looked up in the theme's folder, then in the shipped
`assets/fonts/`. A theme whose text does not stand out from its background (WCAG AA: 4.5:1,
3:1 for large type and chart marks) is refused with the two colours and their ratio.
"""

from __future__ import annotations

import math
import os
import re
from functools import lru_cache
from pathlib import Path

import msgspec
from msgspec.structs import replace

from .errors import Diagnostic, InputError, Span
from .files import Files, resolve
from .source import SourceMap, load_file
from .theme import ASSETS, DEFAULT, FONTS, FontFace, Geometry, Theme

BUILTIN = ASSETS / "themes"
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
# (foreground, background, minimum ratio, what it is): text 4.5:1, large type and marks 3:1
CONTRAST = (
    ("text", "background", 4.5, "text"),
    ("muted", "background", 4.5, "captions and footers"),
    ("accent", "background", 4.5, "links and highlighted text"),
    ("text", "surface", 4.5, "text in table rows"),
    ("on_dark", "dark", 4.5, "text on dividers and table headers"),
    ("muted_on_dark", "dark", 4.5, "slide lists on dividers"),
    ("accent_on_dark", "dark", 3.0, "section numbers (large type)"),
    ("accent", "chart_muted", 3.0, "highlighted against muted chart marks"),
)


def builtin_names() -> list[str]:
    return sorted(p.parent.name for p in BUILTIN.glob("*/theme.yaml"))


def theme_file(spec: str, base: Path, files: Files | None = None) -> Path | str:
    """The theme.yaml a `theme:` value or `--theme` names, or why there is none. A name without
    a slash or suffix is a built-in theme; anything else is a path (relative to `base`, and
    confined by `files` when the outline chose it). The folder and the theme.yaml in it both
    pass the checks of `files.py`: inside the allowed folders (a symlink out is refused), a
    regular file (not a FIFO or device), not too large."""
    if "/" not in spec and "\\" not in spec and not spec.endswith((".yaml", ".yml")):
        path = BUILTIN / spec / "theme.yaml"
        if path.is_file():
            return path
        return f"unknown theme `{spec}` (built-in: {', '.join(builtin_names())})"
    finder = files or Files(base, (Path("/"),))  # the command line may name any folder
    target = finder.path(spec, folder_ok=True)
    if isinstance(target, str):
        return f"theme `{spec}` {target}"
    if target.is_dir():
        if not os.path.lexists(target / "theme.yaml"):
            return f"theme `{spec}` has no theme.yaml"
        # inside the outline's folder; a folder named on the command line keeps it inside itself
        found = (files.path(str(Path(spec) / "theme.yaml")) if files
                 else Files(target).path("theme.yaml"))
        if isinstance(found, str):
            if not files and found.startswith("is outside"):
                found = "leads outside the theme's folder"
            return f"theme `{spec}`: its theme.yaml {found}"
        target = found
    return target


def display_name(path: Path) -> str:
    """A theme file's name as diagnostics show it: relative to the working folder if inside."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_theme(path: Path, display: str | None = None) -> Theme:
    """Read and check a theme file. Raises InputError located in the file."""
    display = display or display_name(path)
    # theme_file confined it; a direct caller still gets a regular file of a sane size
    found = resolve(str(Path(path).absolute()), Path("/"), (Path("/"),))
    if isinstance(found, str):
        raise InputError([Diagnostic(Span(display), f"theme file {found}")])
    source = load_file(found, display_name=display, kind="theme")
    try:
        theme = msgspec.convert(source.data, Theme, strict=False)
    except msgspec.ValidationError as exc:
        from .typecheck import explain

        raise InputError(explain(source.data, Theme, source.map, str(exc))) from None
    if "name" not in source.data:
        theme = replace(theme, name=path.parent.name)
    errors: list[Diagnostic] = []
    theme = _resolve_files(theme, found.parent, source.map, errors)
    errors += _check_colours(theme, source.map)
    errors += _check_sizes(theme, source.map)
    errors += _check_geometry(theme, source.map)
    if errors:
        raise InputError(errors)
    return theme


def _find_file(name: str, folder: Path) -> Path | None:
    for root in (folder, FONTS):
        candidate = Files(root).path(name)
        if not isinstance(candidate, str):
            return candidate
    return None


def _resolve_files(theme: Theme, folder: Path, smap: SourceMap,
                   errors: list[Diagnostic]) -> Theme:
    """Font and background paths made absolute; missing or unreadable ones reported."""
    from PIL import ImageFont

    fonts = {}
    for role in ("body", "heading"):
        face: FontFace | None = getattr(theme.fonts, role)
        if face is None or face == DEFAULT.fonts.body:
            fonts[role] = face
            continue
        paths = {}
        for style in ("regular", "bold", "italic", "bold_italic"):
            name = getattr(face, style)
            if not name:
                paths[style] = ""
                continue
            found = _find_file(name, folder)
            where = ("fonts", role, style)
            if found is None:
                errors.append(smap.diagnostic(where, f"font file `{name}` not found in the "
                                              "theme's folder or the shipped fonts"))
                paths[style] = name
                continue
            try:
                ImageFont.truetype(str(found), 10)
            except OSError:
                errors.append(smap.diagnostic(where, f"`{name}` is not a TrueType/OpenType font"))
            else:  # the shipped fonts are known good: neither glyphs nor fontTools imported
                problem = None
                if found.parent.resolve() != FONTS.resolve():
                    from .glyphs import font_problem

                    problem = font_problem(str(found))
                if problem:
                    errors.append(smap.diagnostic(where, f"font file `{name}` {problem}"))
            paths[style] = str(found)
        fonts[role] = FontFace(face.name, **paths)
    backgrounds = {}
    for kind in ("title", "section", "content"):
        name = getattr(theme.backgrounds, kind)
        if name is None:
            backgrounds[kind] = None
            continue
        found = Files(folder).image(name)
        if isinstance(found, str):
            errors.append(smap.diagnostic(("backgrounds", kind), f"background `{name}` {found}"))
            backgrounds[kind] = None
        else:
            backgrounds[kind] = str(found[0])
    return replace(theme, fonts=replace(theme.fonts, **fonts),
                   backgrounds=replace(theme.backgrounds, **backgrounds))


def luminance(colour: str) -> float:
    """WCAG relative luminance of an RRGGBB colour."""
    return rgb_luminance((int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)))


@lru_cache(maxsize=4096)
def rgb_luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an (r, g, b) colour, 0–255 each (cached: the template
    backdrop checks ask for the same cells again and again)."""
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two RRGGBB colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast_problems(theme: Theme) -> list[tuple[str, str, str]]:
    """(foreground field, background field, message) for each pair below its WCAG AA minimum."""
    p = theme.palette
    out = []
    for fg, bg, minimum, what in CONTRAST:
        a, b = getattr(p, fg), getattr(p, bg)
        ratio = contrast(a, b)
        if ratio < minimum - 1e-9:
            out.append((fg, bg, f"palette.{fg} `{a}` on palette.{bg} `{b}` has a contrast of "
                        f"{ratio:.2f}:1; {what} need{'s' if what.endswith('text') else ''} "
                        f"at least {minimum:g}:1 (WCAG AA)"))
    return out


def _check_colours(theme: Theme, smap: SourceMap) -> list[Diagnostic]:
    p = theme.palette
    errors = []
    for name in p.__struct_fields__:
        values = getattr(p, name)
        for k, value in enumerate(values if isinstance(values, tuple) else (values,)):
            if not _HEX.match(value):
                where = ("palette", name, k) if isinstance(values, tuple) else ("palette", name)
                errors.append(smap.diagnostic(where, f"`{value}` is not a colour; write six hex "
                                              "digits like `1F2937` (quote it if YAML reads a "
                                              "number)"))
    if not p.series:
        errors.append(smap.diagnostic(("palette", "series"), "palette.series is empty; charts "
                                      "need at least one series colour"))
    if errors:
        return errors
    # located at whichever of the two colours the file sets (the foreground if both)
    return [smap.diagnostic(("palette", fg if ("palette", fg) in smap.values or
                             ("palette", bg) not in smap.values else bg), message)
            for fg, bg, message in contrast_problems(theme)]


MIN_SIZE, MAX_SIZE = 6.0, 200.0  # points: below is unreadable, above fills a slide
MIN_LINE, MAX_LINE = 0.8, 3.0  # line pitch as a multiple of the size
MIN_AREA = 216.0  # 3 inches: the least width and height a slide's body may have
SLIDE_LIMITS = (72.0, 4032.0)  # 1 to 56 inches, PowerPoint's limits


def _check_sizes(theme: Theme, smap: SourceMap) -> list[Diagnostic]:
    """Each text role: MIN_SIZE ≤ min_size ≤ size ≤ MAX_SIZE, line pitch in range."""
    errors: list[Diagnostic] = []

    def add(path: tuple, message: str) -> None:
        errors.append(smap.diagnostic(("sizes", *path), f"sizes.{'.'.join(path)} {message}"))

    for role in theme.sizes.__struct_fields__:
        style = getattr(theme.sizes, role)
        bad = [f for f in ("size", "min_size")
               if not MIN_SIZE <= getattr(style, f) <= MAX_SIZE]  # also true for nan
        for field in bad:
            add((role, field), f"is {getattr(style, field):g} pt; text sizes must be between "
                f"{MIN_SIZE:g} and {MAX_SIZE:g} pt")
        if not bad and style.min_size > style.size:
            add((role, "min_size"), f"({style.min_size:g} pt) is larger than size "
                f"({style.size:g} pt); text shrinks from size down to min_size, so min_size "
                "must not exceed it")
        if not MIN_LINE <= style.line <= MAX_LINE:
            add((role, "line"), f"is {style.line:g}; the line pitch must be between "
                f"{MIN_LINE:g} and {MAX_LINE:g} times the size")
    return errors


def _check_geometry(theme: Theme, smap: SourceMap) -> list[Diagnostic]:
    """Slide size within PowerPoint's limits; margins and gaps not negative and leaving a body
    of at least MIN_AREA both ways (a negative width would never finish laying out)."""
    errors: list[Diagnostic] = []

    def add(fields: tuple, message: str) -> None:  # at the first of the fields the file sets
        paths = [("geometry", f) if f in Geometry.__struct_fields__ else (f,) for f in fields]
        errors.append(smap.diagnostic(next((p for p in paths if p in smap.values), paths[0]),
                                      message))

    low, high = SLIDE_LIMITS
    for field in ("slide_w", "slide_h"):
        if not low <= getattr(theme, field) <= high:
            add((field,), f"{field} is {getattr(theme, field):g} pt; a slide is {low:g} to "
                f"{high:g} pt (1 to 56 in)")
    g = theme.geometry
    for field in g.__struct_fields__:
        if not 0 <= getattr(g, field) < math.inf:
            add((field,), f"geometry.{field} is {getattr(g, field):g}; it must be a distance "
                "of 0 pt or more")
    if errors:
        return errors
    width = theme.slide_w - 2 * g.margin_x
    height = g.body_bottom - g.title_top - g.title_gap
    if width < MIN_AREA:
        add(("margin_x",), f"geometry.margin_x {g.margin_x:g} leaves {width:g} pt of the "
            f"slide's {theme.slide_w:g} pt width; the body needs at least {MIN_AREA:g} pt "
            f"({MIN_AREA / 72:g} in)")
    elif (width - g.gutter) / 2 < MIN_AREA / 4:
        add(("gutter", "margin_x"), f"geometry.gutter {g.gutter:g} leaves two columns of "
            f"{(width - g.gutter) / 2:g} pt; each needs at least {MIN_AREA / 4:g} pt")
    if height < MIN_AREA:
        add(("body_bottom", "title_top", "title_gap"), f"geometry.body_bottom "
            f"{g.body_bottom:g} leaves {height:g} pt of height below title_top "
            f"{g.title_top:g} and title_gap {g.title_gap:g}; the body needs at least "
            f"{MIN_AREA:g} pt ({MIN_AREA / 72:g} in)")
    if not g.body_bottom <= g.footer_top < theme.slide_h:
        add(("footer_top", "body_bottom"), f"geometry.footer_top {g.footer_top:g} must lie "
            f"between body_bottom ({g.body_bottom:g}) and the slide's bottom edge "
            f"({theme.slide_h:g})")
    return errors


def choose(flag: str | None, outline_value: str, smap: SourceMap, files: Files) -> Theme:
    """The theme for a build: `--theme` (relative to the working folder) wins over the
    outline's `theme:` (relative to, and confined to, the outline's folder)."""
    if flag:
        found = theme_file(flag, Path.cwd())
        if isinstance(found, str):
            raise InputError([Diagnostic(Span("--theme"), found)])
    else:
        found = theme_file(outline_value, files.base, files)
        if isinstance(found, str):
            raise InputError([smap.diagnostic(("theme",), found)])
    return load_theme(found)
