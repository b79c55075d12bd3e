"""Stances (placeholder)."""
from __future__ import annotations

from spacy.tokens import Doc

from .attribution import Attribution


def stances(doc: Doc, skip: set[int]) -> list[Attribution]:
    return []
