"""The outline's JSON Schema: generated from the model, committed in sync, valid draft-07, and it
accepts every outline the tool accepts, as an editor reads them (YAML 1.2, see yaml12.py), while
refusing the mistakes an editor should underline."""

import json
import math
import subprocess
import sys

import msgspec
import pytest
import yaml12
from conftest import ROOT
from jsonschema import Draft7Validator
from test_docs import yaml_blocks

from deck import model
from deck.schema import BOOLEAN, NUMBER, SCHEMA_FILE, outline_schema, schema_text

# Outlines that must validate: the article, the outline reference's example, the README's, and
# every outline in examples/.
EXAMPLES = {
    "outline.yaml": (ROOT / "outline.yaml").read_text(encoding="utf-8"),
    "docs/outline.md": yaml_blocks(ROOT / "docs" / "outline.md")[0],
    "README.md": yaml_blocks(ROOT / "README.md")[0],
    **{f"examples/{p.name}": p.read_text(encoding="utf-8")
       for p in sorted((ROOT / "examples").glob("*.yaml"))},
}


@pytest.fixture(scope="module")
def validator():
    schema = outline_schema()
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def problems(validator, data) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(data))


def it_keeps_the_committed_schema_in_sync_with_the_model():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "deck/schema/outline.schema.json is stale: run "
        "`python -m deck schema > deck/schema/outline.schema.json`")


def it_prints_the_schema_with_deck_schema():
    result = subprocess.run([sys.executable, "-m", "deck", "schema"], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == outline_schema()
    assert result.stderr == ""


def it_points_the_article_at_the_schema_for_editors():
    first = (ROOT / "outline.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=deck/schema/outline.schema.json"
    assert (ROOT / first.split("=", 1)[1]).resolve() == SCHEMA_FILE


@pytest.mark.parametrize("name", EXAMPLES)
def it_validates_the_examples_as_an_editor_reads_them(validator, name):
    assert problems(validator, yaml12.load(EXAMPLES[name])) == []


def it_describes_every_key_forbids_unknown_ones_and_names_each_kind():
    schema = outline_schema()
    objects = [schema, *schema["definitions"].values()]
    for obj in objects:
        assert obj["additionalProperties"] is False, obj["title"]
        for key, prop in obj["properties"].items():
            assert prop.get("description"), f"{obj['title']}.{key} has no description"
    kinds = {d["properties"]["kind"]["const"] for d in schema["definitions"].values()
             if "kind" in d["properties"]}
    assert kinds == {"title", "statement", "bullets", "quote", "table", "chart", "image",
                     "two_column", "grid", "sources", "text"}
    slides = schema["definitions"]["Section"]["properties"]["slides"]["items"]
    assert slides["discriminator"]["propertyName"] == "kind"
    assert set(slides["discriminator"]["mapping"]) == kinds - {"text"}


MISTAKES = [
    ("sections/0/slides/0", "kind: bulets\n        bullets: [a]", "is not valid under any"),
    ("sections/0/slides/0", "kind: bullets\n        bulets: [a]", "is not valid under any"),
    ("sections/0/slides/0", "kind: chart\n        type: bar\n        categories: [a]\n"
     "        series: [{name: s, values: [abc]}]", "is not valid under any"),
    ("sections/0", "kind: quote\n        text: hi\n    colour: red",
     "Additional properties are not allowed ('colour' was unexpected)"),
]


@pytest.mark.parametrize("where, slide, message", MISTAKES,
                         ids=["unknown kind", "unknown key", "text for a number", "unknown section key"])
def it_refuses_what_the_tool_refuses(validator, where, slide, message):
    text = f"title: T\nsections:\n  - title: S\n    slides:\n      - {slide}\n"
    found = problems(validator, yaml12.load(text))
    assert any(p.startswith(f"{where}: ") and message in p for p in found), found


def it_requires_what_the_model_requires(validator):
    assert problems(validator, {"title": "T"}) == [": 'sections' is a required property"]


def _tool_accepts(value, kind) -> bool:
    try:
        converted = msgspec.convert(value, kind, strict=False)
    except msgspec.ValidationError:
        return False
    return kind is bool or math.isfinite(converted)


SPELLINGS = ["12", "-3.5", "1e3", "1E-3", "-0", "0.25", "+3", ".5", "5.", "1_000", "0x10",
             "nan", "inf", "Infinity", "1,449", " 12", "00012", "1.2.3", "", "true", "TRUE",
             "tRuE", "False", "yes", "on", "1", "0", "2", "1.0"]


@pytest.mark.parametrize("kind, fragment", [(float, NUMBER), (bool, BOOLEAN)],
                         ids=["numbers", "booleans"])
def it_accepts_exactly_the_quoted_spellings_the_tool_accepts(kind, fragment):
    """Quoted in YAML these reach both the tool and the editor as text; they must agree."""
    check = Draft7Validator(fragment)
    disagree = [s for s in SPELLINGS if check.is_valid(s) != _tool_accepts(s, kind)]
    assert disagree == []


def it_accepts_text_that_an_editor_reads_as_a_number_or_boolean(validator):
    data = yaml12.load("title: 2024\ndate: 2026-11-28\nsections:\n  - title: true\n"
                       "    divider: 1\n    slides:\n      - kind: statement\n        figure: 1.5\n")
    assert problems(validator, data) == []
    assert model.convert({"title": "2024", "date": "2026-11-28", "sections": [
        {"title": "true", "divider": "1", "slides": [{"kind": "statement", "figure": "1.5"}]}]})
