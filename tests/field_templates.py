"""The field corpus: the presentation templates that ship with LibreOffice Impress, converted to
.pptx by LibreOffice itself — what a new user who has no company template tries first, and a
fair sample of real designs (cover and content masters, pictures, dark and busy backgrounds,
LibreOffice's own layout names and package quirks)."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

FOLDERS = ("/usr/lib/libreoffice/share/template/common/presnt",
           "/opt/libreoffice/share/template/common/presnt")
EXPECTED = 23  # LibreOffice 7.x ships 23 presentation templates


def template_sources() -> list[Path]:
    """The .otp files found on this machine (none without LibreOffice)."""
    for folder in FOLDERS:
        found = sorted(Path(folder).glob("*.otp"))
        if found:
            return found
    return []


def convert(sources: list[Path], out_dir: Path, soffice: str) -> list[Path]:
    """Each .otp as a .pptx in `out_dir`, with one LibreOffice start and a private profile
    (a shared one locks and hangs), its process group ended on timeout."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deck-field-lo-") as profile:
        proc = subprocess.Popen(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pptx", "--outdir", str(out_dir), *map(str, sources)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=600)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            raise
    found = []
    for source in sources:  # "handmade-": not a deck of ours, the suite's audit passes it by
        converted = out_dir / (source.stem + ".pptx")
        if converted.is_file():
            found.append(converted.rename(out_dir / f"handmade-{source.stem}.pptx"))
    return found
