"""Speaker gender inferred from first names (offline), and the shares of quotes."""
from __future__ import annotations

from quotegraph.web.gender import first_name, infer, shares


def test_first_names():
    assert first_name("Anna Berg") == "Anna"
    assert first_name("Mr Boris Johnson") == "Boris"
    assert first_name("Prime Minister Jean-Luc Picard") == "Jean"
    assert first_name("Lavrov") is None
    assert first_name("J. Smith") is None


def test_infer():
    assert [infer(n) for n in ["Anna Berg", "Tom Hale", "Boris Johnson", "Sergey Lavrov", "Lavrov",
                               "Zxqv Olmo"]] == \
        ["female", "male", "male", "male", "unknown", "unknown"]


def test_shares():
    rows = [{"name": "Anna Berg", "kind": "person", "quotes": 3},
            {"name": "Tom Hale", "kind": "person", "quotes": 2},
            {"name": "Eve Stone", "kind": "person", "quotes": 1},
            {"name": "Lavrov", "kind": "person", "quotes": 2},
            {"name": "Kremlin", "kind": "organisation", "quotes": 5}]
    out = shares(rows)
    assert out["inferred"] is True and out["quotes"] == 8 and out["not_people"] == 5
    assert out["shares"] == [
        {"gender": "female", "quotes": 4, "people": 2, "share": 0.5},
        {"gender": "male", "quotes": 2, "people": 1, "share": 0.25},
        {"gender": "unknown", "quotes": 2, "people": 1, "share": 0.25}]
    assert shares([])["shares"][0] == {"gender": "female", "quotes": 0, "people": 0, "share": 0.0}
