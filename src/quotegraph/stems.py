"""Word stems: Snowball's English stemmer (Porter 2), for the claim matcher and the search snippets."""
from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

_LOCAL = threading.local()  # a stemmer keeps the word it works on: one per thread


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of a word, lower-cased: interference, interfered, interferes -> interfer."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        stemmer = _LOCAL.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word.lower())
