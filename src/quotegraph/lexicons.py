"""Word lists of ``quotegraph/data``: reporting verbs with their frames, reporting
nouns, and any other lexicon (one lemma a line), each read once."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Token


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """The lines of ``data/NAME`` that are neither blank nor comments (``#``), line ends removed."""
    text = resources.files("quotegraph").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.rstrip("\r\n") for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def lexicon(name: str) -> frozenset[str]:
    """Lemmas of a data file in ``quotegraph/data``, one a line (stripped, lower-cased)."""
    return frozenset(line.strip().lower() for line in data_lines(name))


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, frozenset[str]]:
    """Lemma -> set of words, from a data file of lemmas each with an optional
    second column of comma-separated words (tab between)."""
    out: dict[str, frozenset[str]] = {}
    for line in data_lines(name):
        lemma, _, rest = line.partition("\t")
        out[lemma.strip().lower()] = frozenset(w for w in rest.strip().split(",") if w)
    return out


def cue_frames() -> dict[str, frozenset[str]]:
    """Lemma -> frames in which it is a cue, from ``data/cues.tsv``."""
    return table("cues.tsv")


def frames_of(tok: Token) -> frozenset[str]:
    if tok.pos_ not in ("VERB", "AUX"):
        return frozenset()
    return cue_frames().get(tok.lemma_.lower(), frozenset())


def is_cue_verb(tok: Token) -> bool:
    """A verb that reports speech: it may introduce or follow a quotation."""
    return "quote" in frames_of(tok)


def is_cue_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon("cue_nouns.txt")
