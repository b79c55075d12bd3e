"""Non-prose regions: photo captions and credits, bylines, boilerplate lines.

Every text here is written for the test. (That a name in a caption never
becomes a speaker is checked on the whole pipeline in ``test_pipeline.py``.)
"""
import pytest

from quotegraph.clean import inside, nonprose_regions
from quotegraph.record import Region


def regions(text):
    return [(r.kind, text[r.span[0]:r.span[1]]) for r in nonprose_regions(text)]


@pytest.mark.parametrize("line", [
    "Tom Reed at the site of the new bridge on Monday (Stefan Rousseau/PA)",
    "Ann Poole speaks to supporters in Leeds (AP Photo/Evan Vucci)",
    "Tom Reed (left) and Ann Poole at the site (Getty Images)",
    "(Stefan Rousseau/PA)",
    "(Photo: Getty Images)",
], ids=["pa", "ap-photo", "getty", "credit-alone", "photo-colon"])
def test_photo_caption_line_is_a_caption(line):
    text = "The council met on Monday.\n" + line + "\nThe bridge will open in May."
    assert regions(text) == [("caption", line)]


def test_credit_after_long_prose_is_only_a_credit():
    sentence = ("The council met on Monday evening and voted by a large majority to approve the new "
                "bridge across the river, which will carry five thousand cars a day when it opens "
                "next spring.")
    text = sentence + " (Stefan Rousseau/PA)"
    assert regions(text) == [("credit", "(Stefan Rousseau/PA)")]


@pytest.mark.parametrize("line", [
    "By Jane Smith",
    "BY JANE SMITH",
    "By Jane Smith and Tom Reed",
    "By Jane Smith, Political Correspondent",
], ids=["name", "capitals", "two-writers", "with-role"])
def test_byline(line):
    text = line + "\nThe council met on Monday."
    assert regions(text) == [("byline", line)]


@pytest.mark.parametrize("line", [
    "Read more: Why the new bridge matters to Leeds",
    "READ MORE: Why the new bridge matters to Leeds",
    "Read more",
], ids=["read-more", "capitals", "bare"])
def test_read_more_line_is_boilerplate(line):
    text = "The council met on Monday.\n" + line + "\nThe bridge will open in May."
    assert regions(text) == [("boilerplate", line)]


@pytest.mark.parametrize("text", [
    "By the end of the year, the bridge will be built.",
    "The costs rose (from £2m to £3m) last year.",
    "The vote was 12/3 (a clear win/loss) for the plan.",
    "Readers wrote in to say the bridge was too expensive.",
    "Tom Reed said the bridge would open in May.",
], ids=["by-phrase", "brackets", "slash-in-brackets", "readers", "prose"])
def test_prose_is_no_region(text):
    assert regions(text) == []


def test_region_spans_are_offsets_into_the_unchanged_text():
    text = "By Jane Smith\n\nTom Reed at the site (Stefan Rousseau/PA)\n\nThe council met."
    found = nonprose_regions(text)
    assert [r.kind for r in found] == ["byline", "caption"]
    assert [text[r.span[0]:r.span[1]] for r in found] == [
        "By Jane Smith", "Tom Reed at the site (Stefan Rousseau/PA)"]


def test_inside_is_any_overlap():
    found = [Region((10, 20), "caption")]
    assert inside(found, 15, 16)
    assert inside(found, 5, 11)
    assert inside(found, 19, 30)
    assert not inside(found, 0, 10)
    assert not inside(found, 20, 25)
