"""deck: a YAML outline in, an editable PowerPoint deck out.

    >>> import deck
    >>> report = deck.build("outline.yaml")        # BuildReport: output, slides, warnings
    >>> warnings = deck.check("outline.yaml")      # raises deck.InputError on errors
    >>> pictures = deck.preview("outline.yaml")    # PreviewReport: pages, contact sheet
    >>> for event in deck.watch("outline.yaml"):   # a Rebuild after every change
    ...     print(event)

Importing `deck` is cheap; python-pptx is imported only when a deck is rendered.
"""

__version__ = "0.1.0"

from .errors import DeckError, Diagnostic, InputError, OutputError, Span  # noqa: E402
from .pipeline import BuildReport, build, check  # noqa: E402

# Imported on first use, so `import deck` stays cheap (office.py alone pulls in subprocess).
_LAZY = {"preview": "previews", "PreviewReport": "previews", "watch": "watcher",
         "Rebuild": "watcher", "Watching": "watcher", "write_starter": "starter",
         "OfficeError": "office", "read_deck": "reader", "dump_outline": "dump",
         "text_form": "compare", "diff_decks": "compare", "build_each": "batch",
         "check_each": "batch", "RowReport": "batch"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'deck' has no attribute {name!r}")


__all__ = ["build", "check", "preview", "watch", "write_starter", "BuildReport",
           "PreviewReport", "Rebuild", "Watching", "Diagnostic", "Span", "DeckError",
           "InputError", "OutputError", "OfficeError", "__version__", "read_deck",
           "dump_outline", "text_form", "diff_decks", "build_each", "check_each", "RowReport"]
