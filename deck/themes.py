"""Theme files: found by name or path, loaded like outlines (located errors), checked.

A theme is `theme.yaml` in a folder: any of `theme.Theme`'s fields, overriding the defaults.
Font files and background images are looked up in the theme's folder, then in the shipped
`assets/fonts/`. A theme whose text does not stand out from its background (WCAG AA: 4.5:1,
3:1 for large type and chart marks) is refused with the two colours and their ratio.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
from msgspec.structs import replace

from .errors import Diagnostic, InputError, Span
from .files import Files
from .source import SourceMap, load_file
from .theme import ASSETS, DEFAULT, FONTS, FontFace, Theme

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
    confined by `files` when the outline chose it)."""
    if "/" not in spec and "\\" not in spec and not spec.endswith((".yaml", ".yml")):
        path = BUILTIN / spec / "theme.yaml"
        if path.is_file():
            return path
        return f"unknown theme `{spec}` (built-in: {', '.join(builtin_names())})"
    target = files.path(spec, folder_ok=True) if files else (base / spec).resolve()
    if isinstance(target, str):
        return f"theme `{spec}` {target}"
    if target.is_dir():
        target = target / "theme.yaml"
    if not target.is_file():
        return f"theme `{spec}` has no theme.yaml"
    return target


def load_theme(path: Path, display: str | None = None) -> Theme:
    """Read and check a theme file. Raises InputError located in the file."""
    source = load_file(path, display_name=display)
    try:
        theme = msgspec.convert(source.data, Theme, strict=False)
    except msgspec.ValidationError as exc:
        from .typecheck import explain

        raise InputError(explain(source.data, Theme, source.map, str(exc))) from None
    if "name" not in source.data:
        theme = replace(theme, name=path.parent.name)
    errors: list[Diagnostic] = []
    theme = _resolve_files(theme, path.parent, source.map, errors)
    errors += _check_colours(theme, source.map)
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
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


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
    if errors:
        return errors
    # located at whichever of the two colours the file sets (the foreground if both)
    return [smap.diagnostic(("palette", fg if ("palette", fg) in smap.values or
                             ("palette", bg) not in smap.values else bg), message)
            for fg, bg, message in contrast_problems(theme)]


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
