"""Shared fixtures: one extractor (the spaCy model takes a while to load) for all tests."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

import pytest


@pytest.fixture(scope="session")
def extractor():
    """The extractor with the default model, loaded once per test session."""
    from quotegraph.pipeline import Extractor
    return Extractor()


@dataclass
class Said:
    """One extracted quote seen as text: what the tests of the extraction assert on."""

    type: str
    parts: list[str]  # the text of each content part
    cue: Optional[str]
    speaker_text: Optional[str]
    speaker_name: Union[str, list[str], None]
    addressee: Optional[str]


def said_of(record) -> list[Said]:
    """The quotes of a record as :class:`Said` (spans turned into the text they cover)."""
    text = record.text

    def cut(span):
        return text[span[0]:span[1]] if span is not None else None

    return [Said(q.type, [cut(p) for p in q.content_parts], cut(q.cue), q.speaker_text,
                 q.speaker_name, cut(q.addressee)) for q in record.quotes]


@pytest.fixture(scope="session")
def extract(extractor):
    """``extract(text)``: the record of one small text, which must not fail."""
    from quotegraph.record import Article

    def run(text: str):
        record = extractor.extract(Article(id="test", text=text))
        assert record.error is None, record.error
        return record
    return run


@pytest.fixture(scope="session")
def said(extract):
    """``said(text)``: the quotes extracted from one small text, as :class:`Said`."""
    return lambda text: said_of(extract(text))
