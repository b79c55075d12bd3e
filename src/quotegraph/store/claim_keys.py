"""A claim's key: its proposition normalised (lower case, no punctuation, stop words or negations,
Snowball stems as the extraction's claim matcher's, :mod:`quotegraph.stems`; words sorted), by
which :mod:`.graph` matches the claims of the corpus and migration 7 (:mod:`.db`) keyed them again."""
from __future__ import annotations

import re
import unicodedata

from ..stems import stem

NEGATIONS = frozenset("""not no never nothing none nobody neither nor nt cannot deny denies denied
denying false untrue""".split())
STOP_WORDS = frozenset("""a an the and or but of to in on at by for with from as into about over than
that this these those it its is are was were be been being has have had do does did will would
shall should can could may might must there their they them he she his her him we our us you your
i me my which who whom what when where why how all any some so too very also just""".split())


def claim_key(text: str) -> str:
    """A claim's proposition, normalised: the words that carry it, sorted, without its stance."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"n['’]t\b", " not", s)
    s = re.sub(r"['’]s\b", "", s)
    words = set()
    for w in re.findall(r"[a-z0-9]+", s):
        if w in STOP_WORDS or w in NEGATIONS:
            continue
        words.add(stem(w))
    return " ".join(sorted(words))
