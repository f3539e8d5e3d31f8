"""The hostile corpus: every file in tests/hostile/ must be refused with exit status 2, a
`file:line:col: error:` message naming the place, no traceback, and no output file.

Each file's first line says what to expect: `# expect: LINE:COL: message` (`?` for a column
that depends on the libyaml version), or `# expect: FILE:LINE:COL: message` for a problem
located in a file the outline names (a CSV file, a theme). The files it refers to are made by
hostile_assets."""

import contextlib
import io
import os
import re
from pathlib import Path

import pytest
from hostile_assets import make_assets

from deck.cli import main

CORPUS = sorted((Path(__file__).parent / "hostile").glob("*.yaml"))


def expectation(raw: bytes) -> tuple[str | None, str, str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        first = raw.decode("utf-16").splitlines()[0]
    else:
        first = raw.split(b"\n")[0].decode("utf-8-sig")
    m = re.match(r"\ufeff?# expect: (?:([A-Za-z_][\w./-]*):)?(\d+):(\d+|\?): (.*)$", first.strip())
    assert m, f"no `# expect:` line in {first!r}"
    return m.groups()


def test_corpus_is_big_enough():
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("case", CORPUS, ids=[c.stem for c in CORPUS])
def it_refuses_hostile_input_with_a_located_error(case, tmp_path, monkeypatch):
    folder = tmp_path / "deck"
    folder.mkdir()
    make_assets(folder)
    src = folder / case.name
    src.write_bytes(case.read_bytes())
    file, line, col, message = expectation(src.read_bytes())
    monkeypatch.chdir(folder)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", case.name, "-o", "out.pptx"])
    stderr = err.getvalue()
    assert code == 2, stderr
    assert "Traceback" not in stderr
    col = col if col != "?" else r"[0-9]+"
    where = rf"(?m)^{re.escape(file or case.name)}:{line}:{col}: error: "
    assert re.search(where + r".*" + re.escape(message), stderr), stderr
    assert sorted(os.listdir(folder)) == ["assets", case.name]  # nothing written, no temp file
