"""The slide-level half of `deck import --changes`: slides of the edited deck matched to the
outline's (by kind and title, in order, as `deck diff` matches them), then edited, added,
removed or moved in the outline's YAML. Nodes are moved, never rebuilt, so the comments
inside a slide go with it (a comment line between slides stays where it was)."""

from __future__ import annotations

import difflib
import re


def map_slides(mapper) -> None:
    """Write the slide edits between `mapper.base` and `mapper.new` into `mapper.doc`."""
    from .changes import _flat, _name

    doc_sections = mapper.doc.get("sections")
    base_sections = mapper.base.get("sections") or []
    if not _aligned(doc_sections, base_sections):
        mapper.warn("the outline's slides do not match the deck it builds one to one (a "
                    "divider or continued slide read differently): slide edits are not mapped")
        return
    new_sections = mapper.new.get("sections") or []
    same_sections = len(new_sections) == len(base_sections)
    if same_sections:
        for i, (node, old, new) in enumerate(zip(doc_sections, base_sections, new_sections)):
            mapper.patch(node, _head(old), _head(new), f"section {i + 1}")
    else:
        mapper.warn(f"the deck has {len(new_sections)} sections where the outline has "
                    f"{len(base_sections)}: sections are not added or removed (their slides "
                    "are)")
    base, new = _flat(mapper.base), _flat(mapper.new)
    nodes = [doc_sections[i]["slides"][j] for (i, j), _ in base]
    pairs, removed, added = _match([s for _, s in base], [s for _, s in new])

    for b, n in pairs.items():
        _edit(mapper, nodes[b], base[b][1],
              _fresh_alt(new[n][1], (mapper.alts[b], mapper.new_alts[n])),
              _name(new[n][1], new[n][0]))
    fresh = {n: _fresh(mapper, new[n][1], new[n][0]) for n in added}
    by_new = {n: b for b, n in pairs.items()}
    for b in removed:
        _remove(doc_sections, nodes[b])
    # what is out of order moves, what is new goes in: after the slide before it in the deck
    in_order = _longest_increasing([by_new[n] for n in range(len(new)) if n in by_new])
    for n in range(len(new)):
        node = nodes[by_new[n]] if n in by_new else fresh.get(n)
        moved = n in by_new and by_new[n] not in in_order
        if node is None or not (n in fresh or moved):
            continue
        if moved:
            _remove(doc_sections, node)
        _insert_after(doc_sections, _before(n, new, by_new, nodes, fresh, same_sections),
                      node, new[n][0][0] if same_sections else 0)


def _before(n, new, by_new, nodes, fresh, same_sections):
    """The node after which new slide `n` goes: the slide before it in the deck (in its own
    section when the sections match), or None for the start of its section."""
    for m in range(n - 1, -1, -1):
        if same_sections and new[m][0][0] != new[n][0][0]:
            return None
        node = nodes[by_new[m]] if m in by_new else fresh.get(m)
        if node is not None:
            return node
    return None


def _aligned(doc_sections, base_sections) -> bool:
    if not isinstance(doc_sections, list) or len(doc_sections) != len(base_sections):
        return False
    return all(isinstance(d, dict) and isinstance(d.get("slides"), list)
               and len(d["slides"]) == len(b.get("slides") or [])
               for d, b in zip(doc_sections, base_sections))


def _head(section: dict) -> dict:
    return {k: v for k, v in section.items() if k != "slides"}


def _key(slide: dict) -> tuple:
    return slide.get("kind"), slide.get("title")


def _match(base: list[dict], new: list[dict]):
    """Pairs {base index: new index}, the base slides removed and the new ones added. Slides
    of one kind and title are the same slide; in a run of changes, slides of one kind in order
    are the same slide edited; a removed and an added slide of one kind and title moved."""
    pairs: dict[int, int] = {}
    removed, added = [], []
    matcher = difflib.SequenceMatcher(None, [_key(s) for s in base], [_key(s) for s in new],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.update({i1 + k: j1 + k for k in range(i2 - i1)})
            continue
        i, j = i1, j1
        while i < i2 or j < j2:
            kinds_left = [s.get("kind") for s in new[j:j2]]
            if i < i2 and j < j2 and base[i].get("kind") == new[j].get("kind"):
                pairs[i] = j
                i, j = i + 1, j + 1
            elif j < j2 and (i >= i2 or base[i].get("kind") in kinds_left):
                added.append(j)
                j += 1
            else:
                removed.append(i)
                i += 1
    for same in (_key, _content):  # a slide that went and came back elsewhere moved
        for j in list(added):
            for i in removed:
                if base[i].get("kind") == new[j].get("kind") and same(base[i]) == same(new[j]):
                    pairs[i] = j
                    removed.remove(i)
                    added.remove(j)
                    break
    for j in list(added):  # ... and perhaps was edited too: the most alike of its kind
        alike = [(_likeness(base[i], new[j]), i) for i in removed
                 if base[i].get("kind") == new[j].get("kind")]
        if alike and max(alike)[0] >= 0.5:
            i = max(alike)[1]
            pairs[i] = j
            removed.remove(i)
            added.remove(j)
    return pairs, removed, added


def _content(slide: dict) -> str:
    from .changes import _token

    return _token({k: v for k, v in slide.items() if k != "title"})


def _likeness(a: dict, b: dict) -> float:
    return difflib.SequenceMatcher(None, _content(a), _content(b), autojunk=False).ratio()


def _longest_increasing(xs: list[int]) -> set[int]:
    """The longest run of base indexes already in order: those slides stay, the others move."""
    import bisect

    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int | None] = []
    for k, x in enumerate(xs):
        pos = bisect.bisect_left(tails, x)
        if pos == len(tails):
            tails.append(x)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = x, k
        back.append(tail_at[pos - 1] if pos else None)
    keep, k = set(), tail_at[-1] if tail_at else None
    while k is not None:
        keep.add(xs[k])
        k = back[k]
    return keep


def _edit(mapper, node, old: dict, new: dict, where: str) -> None:
    if node.get("kind", old.get("kind")) != old.get("kind"):
        # written as one kind, read back as another (an image chart reads as a picture):
        # only the fields every slide has can be mapped
        shared = ("title", "notes")
        mapper.patch(node, {k: old[k] for k in shared if k in old},
                     {k: new[k] for k in shared if k in new}, where)
        if {k: v for k, v in old.items() if k not in shared} != \
                {k: v for k, v in new.items() if k not in shared}:
            mapper.warn(f"{where}: the outline writes a {node.get('kind')} slide that reads "
                        f"back as {old.get('kind')}: its content edits are not mapped")
        return
    mapper.patch(node, old, new, where)


def _fresh_alt(slide: dict, generated: tuple[str | None, ...]) -> dict:
    """A chart's alt text generated from other values (PowerPoint keeps it when a person
    changes the data) is no alt text the author wrote: taken out of the deck's data (which the
    last check compares with too), so it follows the data again."""
    alt = slide.get("alt")
    if alt is not None and any(g is not None and _masked(g) == _masked(alt) for g in generated):
        del slide["alt"]
    return slide


def _masked(alt: str) -> str:
    return re.sub(r"[-−]?\d[\d,.]*", "#", alt)


def _fresh(mapper, slide: dict, at: tuple[int, int]):
    from .changes import _name, to_yaml

    if _has_picture(slide):
        mapper.warn(f"{_name(slide, at)}: an added slide with a picture is not mapped "
                    "(`deck import` writes the deck with its pictures)")
        return None
    return to_yaml(slide)


def _has_picture(node) -> bool:
    if isinstance(node, dict):
        return "path" in node or any(_has_picture(v) for v in node.values())
    return isinstance(node, list) and any(_has_picture(v) for v in node)


def _remove(doc_sections, node) -> None:
    for section in doc_sections:
        slides = section["slides"]
        for k, item in enumerate(slides):
            if item is node:
                del slides[k]
                return


def _insert_after(doc_sections, anchor, node, section: int) -> None:
    if anchor is None:
        doc_sections[min(section, len(doc_sections) - 1)]["slides"].insert(0, node)
        return
    for s in doc_sections:
        slides = s["slides"]
        for k, item in enumerate(slides):
            if item is anchor:
                slides.insert(k + 1, node)
                return
