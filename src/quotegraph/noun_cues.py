"""Reporting nouns (placeholder)."""
from __future__ import annotations

from spacy.tokens import Doc

from .attribution import Attribution


def noun_cues(doc: Doc, skip: set[int]) -> list[Attribution]:
    return []
