"""Load YAML as an editor does: YAML 1.2 core schema (what yaml-language-server applies).

deck's own loader keeps every plain scalar as text, and PyYAML's safe_load applies YAML 1.1
(`NO` → False, `2026-11-28` → a date, `1_000` → 1000), neither of which is what an editor
validates against the schema. Here `true`/`false` are booleans, `12` and `1.5` numbers, `null`
and `~` null, and everything else (dates, `yes`, `NO`) text.
"""

import re

import yaml


class Yaml12Loader(yaml.SafeLoader):
    yaml_implicit_resolvers: dict = {}


def _resolve(tag: str, pattern: str, first: str | list[str]) -> None:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_resolve("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
_resolve("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolve("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_resolve("tag:yaml.org,2002:float", r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
                                        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
         "-+0123456789.")


def _int(loader, node):
    text = loader.construct_scalar(node)
    return int(text[2:], 8 if text[1] == "o" else 16) if text[:2] in ("0o", "0x") else int(text)


def _float(loader, node):
    text = loader.construct_scalar(node).lower().replace(".inf", "inf").replace(".nan", "nan")
    return float(text)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float)


def load(text: str):
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 - a SafeLoader subclass
