"""The quotation-mark scanner: which stretches of text are inside quotation marks.

Every text here is written for the test. ``stretches(text)`` gives, for each
top-level quoted stretch, the text of its parts (one per paragraph it covers).
"""
import pytest

from quotegraph.quotemarks import find_stretches


def stretches(text):
    return [[text[s:e] for s, e in st.parts] for st in find_stretches(text)]


@pytest.mark.parametrize("opening, closing", [
    ("“", "”"),   # English curly double
    ('"', '"'),   # straight double
    ("‘", "’"),   # English curly single
    ("'", "'"),   # straight single
    ("«", "»"),   # guillemets
    ("„", "“"),   # German low-high
], ids=["curly-double", "straight-double", "curly-single", "straight-single", "guillemets", "german"])
def test_every_quotation_mark_style(opening, closing):
    text = f"The mayor said {opening}we will build the bridge{closing} on Monday."
    found = find_stretches(text)
    assert stretches(text) == [["we will build the bridge"]]
    assert found[0].outer == (text.index(opening), text.index("on Monday") - 1)


@pytest.mark.parametrize("opening, closing", [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“")])
def test_closing_mark_then_punctuation(opening, closing):
    text = f"Tom Reed said: {opening}We will build the bridge this year.{closing} Then he left."
    assert stretches(text) == [["We will build the bridge this year."]]


def test_two_quotes_in_one_sentence():
    text = "Voters were asked to choose “yes” or “no” in the poll."
    assert stretches(text) == [["yes"], ["no"]]


@pytest.mark.parametrize("text, outer, inner", [
    ("He said: “It is the ‘new normal’, they say.”",
     "It is the ‘new normal’, they say.", "new normal"),
    ("He said: 'It is the \"new normal\", they say.'",
     'It is the "new normal", they say.', "new normal"),
    ("He said: \"It is the 'new normal', they say.\"",
     "It is the 'new normal', they say.", "new normal"),
    ("He said: “My father told me ‘never give up’ and I never did.”",
     "My father told me ‘never give up’ and I never did.", "never give up"),
], ids=["curly-in-curly", "double-in-single", "single-in-double", "mid-sentence"])
def test_nested_quote_is_part_of_the_outer_one(text, outer, inner):
    found = find_stretches(text)
    assert stretches(text) == [[outer]]
    assert [text[s:e] for s, e in found[0].nested] == [inner]


@pytest.mark.parametrize("text", [
    "I don't think the bridge will be ready, she said.",
    "I don’t think the bridge will be ready, she said.",
    "It was Boris’s idea to build the bridge, she said.",
    "It was Boris's idea to build the bridge, she said.",
    "The Clintons’ house is near the bridge, she said.",
    "The players' union backed the bridge, she said.",
    "Music from the ‘90s is back, she said.",
    "Music from the ’90s is back, she said.",
    "Music from the '90s is back, she said.",
], ids=["dont", "dont-curly", "boris-s", "boris-s-straight", "plural-possessive",
        "plural-possessive-straight", "left-90s", "right-90s", "straight-90s"])
def test_apostrophes_are_not_quotation_marks(text):
    assert stretches(text) == []


@pytest.mark.parametrize("text, content", [
    ("Tom Reed said: “I don’t think Boris’s plan from the ’90s will work.”",
     "I don’t think Boris’s plan from the ’90s will work."),
    ("Tom Reed said: ‘I don’t think Boris’s plan will work.’",
     "I don’t think Boris’s plan will work."),
    ("Tom Reed said: 'I don't think Boris's plan will work.'",
     "I don't think Boris's plan will work."),
], ids=["in-double", "in-curly-single", "in-straight-single"])
def test_apostrophes_inside_a_quote_do_not_end_it(text, content):
    assert stretches(text) == [[content]]


def test_quote_continued_over_paragraphs_is_one_stretch():
    # no closing mark at the end of a paragraph, an opening one at the next
    text = "Ann Poole said: “We will build the bridge.\n“It will open next year.”"
    found = find_stretches(text)
    assert stretches(text) == [["We will build the bridge.", "It will open next year."]]
    assert found[0].close_mark == len(text) - 1


def test_quote_continued_over_three_paragraphs():
    text = ("Ann Poole said: “We will build the bridge.\n\n“It will open next year.\n\n"
            "“It will cost less than we feared,” she added.")
    assert stretches(text) == [["We will build the bridge.", "It will open next year.",
                                "It will cost less than we feared,"]]


def test_unclosed_quote_ends_with_its_paragraph_when_the_next_does_not_open():
    text = "Ann Poole said: “We will build the bridge.\nThe council met on Monday."
    found = find_stretches(text)
    assert stretches(text) == [["We will build the bridge."]]
    assert found[0].close_mark is None


def test_split_quote_gives_two_stretches():
    # the scanner sees two stretches; attribution joins them into one quote
    text = "“We will build the bridge,” Ann Poole said. “It will open next year.”"
    assert stretches(text) == [["We will build the bridge,"], ["It will open next year."]]


@pytest.mark.parametrize("first", [
    "He called it ” a stray closing mark.",
    "A “stray opening mark is never closed.",
    'A "stray straight mark is never closed.',
    "He said “one” and “two and “three” to them.",
    'The pipe is 5" wide and 10" long.',
], ids=["stray-close", "stray-open", "stray-straight", "unbalanced", "inch-marks"])
def test_a_bad_mark_never_loses_the_quotes_of_later_paragraphs(first):
    text = first + "\nThe council met on Monday.\nAnn Poole said: “The bridge is fine.”"
    found = find_stretches(text)
    assert stretches(text)[-1] == ["The bridge is fine."]
    assert found[-1].close_mark == len(text) - 1
    council = text.index("The council")
    assert not any(st.start <= council < st.end for st in found)


def test_stretch_parts_have_no_edge_spaces():
    text = "He said: « On y va » then left."
    assert stretches(text) == [["On y va"]]
