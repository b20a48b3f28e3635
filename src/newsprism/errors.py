"""One root exception for newsprism; messages say what went wrong and how to fix it."""

from __future__ import annotations


class NewsprismError(Exception):
    """Root of every error newsprism raises on purpose."""


class InputError(NewsprismError):
    """An input file or record cannot be used (named in the message, with the reason)."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class NoUsableInputError(NewsprismError):
    """None of the given paths held a usable article."""


class ModelError(NewsprismError):
    """A bundled NLP model could not be loaded."""


class StoreError(NewsprismError):
    """The corpus database cannot be used (not newsprism's, newer than this code, unreadable)."""


class NoCorpusError(StoreError):
    """A command that reads the corpus was given a path where there is none (a typo, most often)."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"no corpus at '{path}' (run `newsprism ingest PATH... --db {path}` first)")


class DecisionError(NewsprismError):
    """A split or merge of stories that cannot be made (an unknown story, an article of another story)."""
