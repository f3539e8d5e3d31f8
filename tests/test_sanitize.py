"""The template sanitiser: a template from anyone gives a package with its design and nothing
else, or a TemplateProblem that says why — never a traceback, never unbounded memory."""

import io
import subprocess
import sys
import textwrap
import zipfile

import pytest
from hostile_templates import HOSTILE, base_template, linked_picture, make, pack, zip_bomb
from lxml import etree
from pptx import Presentation

from deck.render.oxml.sanitize import TemplateProblem, clean_template


def clean(name: str, tmp_path=None):
    return clean_template(make(HOSTILE[name]), tmp_path)


def members(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.namelist()


def text_of(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"\n".join(z.read(n) for n in z.namelist())


def it_keeps_the_design_and_drops_the_templates_slides_notes_and_metadata():
    data, notes = clean_template(make())
    names = members(data)
    assert "ppt/slideMasters/slideMaster1.xml" in names
    assert sum(n.startswith("ppt/slideLayouts/slideLayout") and n.endswith(".xml")
               for n in names) == 11
    assert not [n for n in names if n.startswith(("ppt/slides/", "ppt/notesSlides/",
                                                  "ppt/notesMasters/", "docProps/core",
                                                  "docProps/thumbnail", "ppt/printerSettings"))]
    assert b"SECRET" not in text_of(data)
    assert notes == []  # sample slides and metadata are left behind without a warning
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == 0 and len(prs.slide_layouts) == 11


def it_writes_one_member_per_name_with_a_content_type_each():
    data, _ = clean("libreoffice-core.potx")
    names = members(data)
    assert len(names) == len(set(names))
    types = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml"))
    overrides = {o.get("PartName") for o in types if o.get("PartName")}
    defaults = {d.get("Extension") for d in types if d.get("Extension")}
    for name in names:
        assert ("/" + name) in overrides or name.rsplit(".", 1)[-1] in defaults, name


@pytest.mark.parametrize("name, gone", [
    ("tracking-pixel.potx", b"tracker.example"),
    ("unc-picture.potx", b"host/share"),
    ("file-hyperlink.potx", b"/etc/passwd"),
    ("outside-picture.potx", b"outside.png"),
])
def it_drops_external_links_and_the_shapes_that_use_them(name, gone, tmp_path):
    (tmp_path.parent / "outside.png").write_bytes(b"")  # exists, but outside the folder
    data, notes = clean(name, tmp_path)
    assert gone not in text_of(data)
    assert b'TargetMode="External"' not in text_of(data)
    assert notes and "left out of the deck" in notes[0]
    Presentation(io.BytesIO(data))  # still a package python-pptx reads


def it_embeds_a_linked_picture_from_the_templates_own_folder(tmp_path):
    from PIL import Image

    Image.new("RGB", (4, 4), (10, 200, 30)).save(tmp_path / "logo.png")
    data, notes = clean_template(make(linked_picture("logo.png")), tmp_path)
    assert notes == []
    names = members(data)
    assert "ppt/media/linked1.png" in names
    master = zipfile.ZipFile(io.BytesIO(data)).read("ppt/slideMasters/slideMaster1.xml")
    assert b"r:embed=" in master and b"r:link=" not in master


@pytest.mark.parametrize("name, part", [
    ("vba-project.potx", "vbaProject"),
    ("ole-package.potx", "oleObject"),
])
def it_leaves_macros_and_ole_objects_behind(name, part):
    data, notes = clean(name)
    assert not [n for n in members(data) if part in n]
    assert b"oleObj" not in text_of(data) and b"SECRET" not in text_of(data)
    assert any(("macros" in n) or ("OLE" in n) for n in notes)


def it_removes_custom_shows_that_point_at_the_templates_slides():
    data, _ = clean("custom-show.potx")
    assert b"custShow" not in text_of(data)


def it_repairs_a_missing_view_properties_part():
    data, _ = clean("no-view-props.potx")
    assert "ppt/viewProps.xml" in members(data)
    rels = zipfile.ZipFile(io.BytesIO(data)).read("ppt/_rels/presentation.xml.rels")
    assert b"/viewProps" in rels and b"/presProps" in rels and b"/tableStyles" in rels


@pytest.mark.parametrize("name, message", [
    ("escaped-macro.potx", "is macro-enabled"),
    ("dtd.potx", "part `ppt/slideMasters/slideMaster1.xml` has a DTD"),
    ("slide-width-zero.potx", "slide width of `0` EMU; slides are 1 to 56 in"),
    ("slide-width-200in.potx", "slide width of `182880000` EMU"),
    ("slide-width-abc.potx", "slide width of `abc` EMU"),
    ("no-slide-size.potx", "has no slide size"),
    ("placeholder-idx-x.potx", "placeholder idx `x` is not a whole number"),
    ("placeholder-idx-huge.potx", "placeholder idx `4294967296`"),
    ("extent-abc.potx", "ext cx=`abc` is not a whole number"),
    ("huge-placeholder.potx", "a title placeholder of 200.0 × 1.2 in at (0.5, 0.3) in is far "
                              "outside the 13.33 × 7.50 in slide"),
    ("no-master.potx", "slide master `ppt/slideMasters/slideMaster1.xml` is missing"),
    ("no-layout-part.potx", "`ppt/slideLayouts/slideLayout2.xml`, used by"),
    ("no-theme.potx", "`ppt/theme/theme1.xml`, used by"),
    ("no-layouts.potx", "has no slide layouts"),
    ("many-placeholders.potx", "placeholders; the limit is 64"),
    ("many-layouts.potx", "more than 256 slide layouts"),
    ("thousands-of-layouts.potx", "has 4,243 parts; the limit is 4,000"),
])
def it_refuses_what_it_cannot_use_with_the_reason(name, message):
    with pytest.raises(TemplateProblem) as info:
        clean(name)
    assert message in str(info.value)


def it_refuses_a_zip_with_a_member_twice():
    data = pack(base_template(), [("ppt/slides/slide1.xml", b"<secret/>")])
    with pytest.raises(TemplateProblem, match="is in the zip twice"):
        clean_template(data)


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04garbage", b"not a zip at all"])
def it_refuses_what_is_not_a_package(data):
    with pytest.raises(TemplateProblem, match="is not a PowerPoint file"):
        clean_template(data)


def it_refuses_a_zip_bomb_before_inflating_it(tmp_path):
    """A theme part that inflates to 1.5 GB, read under a 1 GB address-space limit: refused from
    the zip directory, so memory stays bounded."""
    bomb = tmp_path / "handmade-bomb.pptx"  # not a deck: the suite's audit skips it
    bomb.write_bytes(zip_bomb())
    assert bomb.stat().st_size < 20 * 1024 * 1024
    script = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))
        from deck.render.oxml.sanitize import TemplateProblem, clean_template
        try:
            clean_template(open({str(bomb)!r}, "rb").read())
        except TemplateProblem as exc:
            print(exc)
            sys.exit(0)
        sys.exit(3)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "inflates to 1,536 MB; the limit is 16 MB a part" in done.stdout


def it_never_writes_a_member_twice_an_internal_error_instead():
    """The writer itself refuses: python-pptx adds a second docProps/core.xml beside one whose
    relationship type it does not know."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    from deck.render.oxml import save_reproducible

    prs = Presentation()
    package = prs.part.package
    twin = Part(PackURI("/ppt/presProps.xml"), "application/xml", package, b"<x/>")
    prs.part.relate_to(twin, "http://example.com/twin")
    with pytest.raises(RuntimeError, match="would hold `ppt/presProps.xml` twice"):
        save_reproducible(prs, io.BytesIO())


BUILDS = ["tracking-pixel.potx", "unc-picture.potx", "outside-picture.potx",
          "file-hyperlink.potx", "vba-project.potx", "ole-package.potx", "custom-show.potx",
          "libreoffice-core.potx", "no-view-props.potx", "libreoffice-field-box.potx"]
OUTLINE = """\
title: T
template: {template}
sections:
  - title: S
    divider: true  # a one-slide section asks for it: the template's divider layout is used too
    slides:
      - {{kind: bullets, title: B, bullets: [a], notes: n}}
"""


@pytest.mark.parametrize("name", BUILDS)
def it_builds_a_clean_deck_on_a_template_it_had_to_clean(name, tmp_path):
    """The deck (checked by the suite's validity audit too) carries nothing of the template's
    but its design: no external target, no DTD, no macro or OLE part, no template slide, one
    core properties part; what was dropped that may be missed is a warning at `template:`."""
    import deck

    (tmp_path / name).write_bytes(make(HOSTILE[name]))
    (tmp_path / "talk.yaml").write_text(OUTLINE.format(template=name), encoding="utf-8")
    report = deck.build(tmp_path / "talk.yaml", output=tmp_path / "talk.pptx")
    data = report.output.read_bytes()
    names = members(data)
    assert len(names) == len(set(names))
    assert names.count("docProps/core.xml") == 1
    everything = text_of(data)
    for bad in (b'TargetMode="External"', b"<!DOCTYPE", b"SECRET", b"oleObj", b"custShow"):
        assert bad not in everything, bad
    assert not [n for n in names if "vbaProject" in n or "embeddings/" in n]
    assert len(Presentation(str(report.output)).slides) == report.slides == 2  # divider, slide
    dropped = [w for w in report.warnings if "template:" in w.message]
    if name in ("tracking-pixel.potx", "unc-picture.potx", "outside-picture.potx",
                "file-hyperlink.potx", "vba-project.potx", "ole-package.potx"):
        assert dropped and dropped[0].span.line == 2, report.warnings
    else:
        assert not dropped, dropped


def it_makes_libreoffices_field_text_boxes_placeholders_again():
    """Left a text box, `<date/time>` would be drawn on every slide."""
    data, _ = clean("libreoffice-field-box.potx")
    master = etree.fromstring(
        zipfile.ZipFile(io.BytesIO(data)).read("ppt/slideMasters/slideMaster1.xml"))
    ns = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
    box = master.xpath("//p:sp[p:nvSpPr/p:cNvPr/@name='Date']", namespaces=ns)[0]
    ph = box.xpath("./p:nvSpPr/p:nvPr/p:ph", namespaces=ns)
    assert ph and ph[0].get("type") == "dt" and int(ph[0].get("idx")) >= 100


def it_has_the_validity_audit_catch_a_member_twice(tmp_path):
    from validity import audit

    path = tmp_path / "handmade-twice.pptx"
    path.write_bytes(pack(base_template(), [("ppt/presProps.xml", b"<x/>")]))
    assert "ppt/presProps.xml: in the zip 2 times" in audit(path)
