"""Reporting and stance nouns and stance adjectives with a stated source: small texts
written for the test, through the whole extractor."""
import pytest

from test_attribution import find


def kinds_of(extract, text):
    return {text[q.content[0]:q.content[1]]: q.kind for q in extract(text).quotes}


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("Ms Okafor's criticism of the new opening hours was printed in the newsletter.",
     "the new opening hours", "criticism of", "Ms Okafor's"),
    ("Her proposal to close the reading room on Sundays drew few objections.",
     "to close the reading room on Sundays", "proposal", "Her"),
    ("A warning from the fire brigade that the old wing was unsafe reached the board in June.",
     "that the old wing was unsafe", "warning", "the fire brigade"),
    ("The Okafor proposal for longer opening hours was approved.",
     "longer opening hours", "proposal for", "Okafor"),
    ("Mr Lindqvist voiced support for the longer opening hours.",
     "the longer opening hours", "support for", "Mr Lindqvist"),
], ids=["possessive-of", "possessive-to", "from-that", "compound-name", "light-verb"])
def test_noun_cue(said, text, content, cue, speaker):
    q = find(said(text), content)
    assert (q.type, q.cue, q.speaker_text) == ("indirect", cue, speaker)


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("The beekeepers are critical of the new pesticide rules.", "the new pesticide rules", "critical of",
     "The beekeepers"),
    ("Mr Hallam was angered by the closure of the orchard.", "the closure of the orchard", "angered by",
     "Mr Hallam"),
    ("She remains confident that the harvest will recover next year.",
     "that the harvest will recover next year", "confident", "She"),
    ("The growers seemed eager to sell their land.", "to sell their land", "eager", "The growers"),
], ids=["adjective-of", "participle-by", "adjective-that", "adjective-to"])
def test_stance_is_a_belief(said, extract, text, content, cue, speaker):
    q = find(said(text), content)
    assert (q.type, q.cue, q.speaker_text) == ("indirect", cue, speaker)
    assert kinds_of(extract, text)[content] == "belief"


@pytest.mark.parametrize("text", [
    "The criticism of the opening hours grew louder in spring.",  # no source
    "Her remarks on Tuesday were brief.",  # a date, not what the remarks are about
    "The soil is critical of course for the harvest.",  # not a holder of views
    "It was clear to everyone in the orchard.",
    "The support for the roof was made of oak.",  # no source
    "Mr Lindqvist's criticism against the toll rises was printed.",  # "against" is not criticism's
], ids=["no-source", "date", "soil", "it", "beam", "another-nouns-preposition"])
def test_no_stance_or_noun_attribution(said, text):
    assert said(text) == []


def test_hopes_is_a_belief_cue(said, extract):
    """The model lemmatizes "hopes" as "hop": data/lemma_fixes.tsv puts it right."""
    text = "Ms Brandt hopes to reopen the mill by August."
    q = find(said(text), "to reopen the mill by August")
    assert (q.type, q.cue, q.speaker_text) == ("indirect", "hopes", "Ms Brandt")
    assert kinds_of(extract, text)["to reopen the mill by August"] == "belief"
