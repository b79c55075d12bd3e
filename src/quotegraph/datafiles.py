"""Reading the editable data files of ``quotegraph/data``: lines, comments and blanks skipped."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """The lines of ``data/NAME`` that are neither blank nor comments (``#``), line ends removed."""
    text = resources.files("quotegraph").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.rstrip("\r\n") for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """The entries of a one-entry-a-line data file, stripped and lower-cased."""
    return frozenset(line.strip().lower() for line in data_lines(name))
