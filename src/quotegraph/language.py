"""Which language an article is in (py3langid, offline), so that only English is parsed.

The check is on the way in: :class:`~quotegraph.pipeline.Extractor` gives an
article that is confidently not English a record with ``skipped`` set to
``"language: XX"`` (and ``meta["language"]``) instead of parsing it as
English. A short text (under :data:`MIN_CHARS` letters) or an uncertain
guess counts as English: a two-line quote is too little to tell, and
wrongly dropping an English article costs more than parsing a foreign one.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

ENGLISH = "en"
MIN_CHARS = 120  # letters; below this the guess is not trusted
MIN_PROBABILITY = 0.95
SAMPLE_CHARS = 5000  # the start of a long article is enough
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639-1 code) and its probability."""
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return str(lang), float(prob)


def foreign_language(text: str) -> Optional[str]:
    """The code of the language ``text`` is confidently in when that is not English, else None."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_CHARS:
        return None
    lang, prob = detect(sample)
    return lang if lang != ENGLISH and prob >= MIN_PROBABILITY else None
