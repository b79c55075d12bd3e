"""Speaker gender *inferred* from first names, offline, with gender-guesser.

This is a guess about a name, not a fact about a person: the overview labels
it as inferred, keeps "unknown" as a share of its own (one-word names,
initials, names the list does not know or gives to both, organisations are
left out), and the app can switch it off (``quotegraph serve --no-gender``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

GENDERS = ("female", "male", "unknown")
TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
          "president", "prime", "minister", "senator", "rep", "gov", "governor", "mayor", "judge",
          "general", "gen", "col", "capt", "captain", "rev", "father", "sister", "brother",
          "king", "queen", "prince", "princess", "chancellor", "secretary", "foreign", "chief"}


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gd
    return gd.Detector(case_sensitive=False)


def first_name(name: str) -> str | None:
    """The first name of a full name (titles skipped), or None for a one-word name or initial."""
    words = [w for w in re.split(r"[\s]+", name.strip()) if w]
    while words and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    if len(words) < 2:
        return None
    first = words[0].rstrip(".,")
    if len(first) < 2 or not first[0].isalpha() or first.isupper() and len(first) <= 2:
        return None
    return first.split("-")[0]


@lru_cache(maxsize=100_000)
def infer(name: str) -> str:
    """female, male or unknown, from the first name (mostly_* count; andy and unknown do not)."""
    first = first_name(name)
    if first is None:
        return "unknown"
    guess = _detector().get_gender(first)
    if guess in ("female", "mostly_female"):
        return "female"
    if guess in ("male", "mostly_male"):
        return "male"
    return "unknown"


def shares(speakers: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Quotes by inferred gender of people (``kind == 'person'``): counts and shares.

    ``speakers`` are rows with ``name``, ``kind`` and ``quotes``; quotes by
    organisations are counted apart (``not_people``).
    """
    counts = {g: 0 for g in GENDERS}
    people = {g: 0 for g in GENDERS}
    other = 0
    for r in speakers:
        if r["kind"] != "person":
            other += r["quotes"]
            continue
        g = infer(r["name"])
        counts[g] += r["quotes"]
        people[g] += 1
    total = sum(counts.values())
    return {
        "inferred": True,
        "method": "first names, gender-guesser (offline); a guess about names, not people",
        "quotes": total,
        "not_people": other,
        "shares": [{"gender": g, "quotes": counts[g], "people": people[g],
                    "share": round(counts[g] / total, 4) if total else 0.0} for g in GENDERS],
    }
