"""HTML pages keep their author and their figure captions: the captions stay in the text where
the figures were, marked as caption regions, so that no quote or speaker is taken from them."""
from __future__ import annotations

from pathlib import Path

from quotegraph.inputs import iter_articles
from quotegraph.scale.figures import place_captions

PAGE = Path(__file__).parent / "data" / "html" / "bridge-vote.html"
CAPTION = "Tom Hale said the old bridge was unsafe for lorries."


def test_author_and_caption_kept():
    (art,) = list(iter_articles([PAGE]))
    assert art.meta["author"] == "Jo Reporter" and art.meta["title"] == "Council backs the bridge"
    lines = art.text.split("\n")
    assert lines[2] == CAPTION  # between the paragraphs it was between
    assert lines[1].startswith("The council voted") and lines[3].startswith("“We will build it")
    start = art.text.index(CAPTION)
    assert art.meta["captions"] == [[start, start + len(CAPTION)]]
    assert "![" not in art.text and "river.jpg" not in art.text  # an image without caption leaves nothing


def test_no_quote_from_a_caption(extractor):
    (art,) = list(iter_articles([PAGE]))
    record = extractor.extract(art)
    start = art.text.index(CAPTION)
    assert [(r.span, r.kind) for r in record.regions] == [((start, start + len(CAPTION)), "caption")]
    assert [art.text[q.content[0]:q.content[1]] for q in record.quotes if q.speaker_name] == ["We will build it this year,"]
    assert all(not (start <= q.content[0] < start + len(CAPTION)) for q in record.quotes)


def test_place_captions():
    text = "One.\n![a](/x/p.jpg)\nTwo ![b](q.png) words.\n![c](r.png)\nA caption line\nThree."
    out, spans = place_captions(text, {"p.jpg": "The photo"}, {"A caption line"})
    assert out == "One.\nThe photo\nTwo words.\nA caption line\nThree."
    assert [out[a:b] for a, b in spans] == ["The photo", "A caption line"]
