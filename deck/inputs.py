"""The files a build reads: the outline, the images and CSV files it names, its theme's files
and its template. `deck watch` watches them; a build refuses to write its output over any."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DeckError
from .files import fs_name


def referenced_files(outline: Path, theme: str | None = None,
                     template: str | None = None) -> set[Path]:
    """The outline, every image and data file it names (`path:` of an image, `data:` of a
    chart or table), its theme's files and its template. Read from the loaded data, so an
    outline that does not validate still has its files watched; one that does not load gives
    just itself. `theme`, `template`: the command line's, relative to the working folder."""
    from .source import load_file

    outline = Path(outline).absolute()
    try:
        data = load_file(outline).data
    except DeckError:
        return {outline}
    return files_named(outline, data, theme, template)


def files_named(outline: Path, data, theme: str | None = None,
                template: str | None = None) -> set[Path]:
    """`referenced_files` for an outline already loaded (`data`: the YAML as read)."""
    outline = Path(outline).absolute()
    base = outline.parent
    files = {outline}
    if not isinstance(data, dict):
        return files
    stack: list = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("kind") == "image" and isinstance(node.get("path"), str):
                files.add(base / fs_name(node["path"]))
            if isinstance(node.get("data"), str):
                files.add(base / fs_name(node["data"]))
            for loop in (node.get("each"), node.get("data")):  # loops' data (deck/loops.py)
                name = loop.get("from") if isinstance(loop, dict) else loop
                if isinstance(name, str) and "{" not in name:
                    files.add(base / fs_name(name))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    if theme:  # --theme is relative to the working folder, `theme:` to the outline's
        files |= theme_files(theme, Path.cwd())
    elif isinstance(data.get("theme"), str):
        files |= theme_files(fs_name(data["theme"]), base)
    if template:
        files.add(Path.cwd() / template)
    elif isinstance(data.get("template"), str):
        files.add(base / fs_name(data["template"]))
    return {Path(os.path.normpath(p)) for p in files}


def theme_files(spec: str, base: Path) -> set[Path]:
    """A theme's files on disk: for a name, the files of `assets/themes/<name>/` (none for a
    theme built into the code); for a path, that file, or the files of that folder."""
    from .theme import ASSETS

    if "/" not in spec and "\\" not in spec and not spec.endswith((".yaml", ".yml")):
        target = ASSETS / "themes" / spec
    else:
        target = base / spec
    if target.is_file():
        return {target.absolute()}
    if target.is_dir():
        return {p.absolute() for p in target.iterdir() if p.is_file()}
    return set()
