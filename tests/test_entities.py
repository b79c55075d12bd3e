"""Canonical entities: states and their metonyms are one entity, people come from the speakers."""
from quotegraph.entities import article_entities, mentions_within, norm, place_name


def test_place_names_fold_metonyms_into_the_state():
    assert place_name("the Kremlin") == "Russia"
    assert place_name("Moscow") == "Russia"
    assert place_name("Russians") == "Russia"
    assert place_name("Downing Street") == "United Kingdom"
    assert place_name("U.S.") == "United States"
    assert place_name("Beijing’s") == "China"
    assert place_name("Atlantis") is None
    assert norm("The  White House") == "white house"


def test_article_entities(extractor):
    from quotegraph.record import Article
    text = ("Senator Ruth Cole said on Friday that Beijing and the Kremlin had ignored the "
            "World Health Organization. Chinese officials did not reply.")
    rec = extractor.extract(Article(id="t", text=text))
    doc = extractor.nlp(text)
    from quotegraph.speakers import resolve_speakers  # noqa: F401  (people come from the record)
    names = [m.name for m in article_entities(doc, rec.people)]
    assert names == ["Ruth Cole", "China", "Russia", "World Health Organization", "China"]
    within = mentions_within(article_entities(doc, rec.people), 0, text.index("Chinese"))
    assert [m.kind for m in within] == ["person", "place", "place", "organisation"]
