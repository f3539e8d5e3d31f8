"""deck: a YAML outline in, an editable PowerPoint deck out.

    >>> import deck
    >>> report = deck.build("outline.yaml")        # BuildReport: output, slides, warnings
    >>> warnings = deck.check("outline.yaml")      # raises deck.InputError on errors

Importing `deck` is cheap; python-pptx is imported only when a deck is rendered.
"""

__version__ = "0.1.0"

from .errors import DeckError, Diagnostic, InputError, OutputError, Span  # noqa: E402
from .pipeline import BuildReport, build, check  # noqa: E402

__all__ = ["build", "check", "BuildReport", "Diagnostic", "Span", "DeckError", "InputError",
           "OutputError", "__version__"]
