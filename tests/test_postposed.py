"""Cues after or inside their content, with no quotation marks: "according to X"
anywhere in its clause, and a reporting verb set off by commas inside the clause
it reports. Small texts written for the test, through the whole extractor."""
import pytest

from test_attribution import find


@pytest.mark.parametrize("text, parts", [
    ("The ferry to the island, according to the harbour master, will stop running in March.",
     ["The ferry to the island", "will stop running in March"]),
    ("Ticket prices rose twice last winter and fell once in spring, according to the harbour master.",
     ["Ticket prices rose twice last winter and fell once in spring"]),
    ("In the end, according to the harbour master, few boats sailed.",
     ["In the end", "few boats sailed"]),
], ids=["inside", "coordinated-clauses", "after-adverbial"])
def test_according_to_anywhere_in_the_clause(said, text, parts):
    q = find(said(text), parts[0])
    assert (q.type, q.parts, q.cue, q.speaker_text) == ("indirect", parts, "according to", "the harbour master")


@pytest.mark.parametrize("text, parts, speaker", [
    ("In the long run, Dr Ines Varga said, the orchard will need far less water.",
     ["In the long run", "the orchard will need far less water"], "Dr Ines Varga"),
    ("The orchard will need far less water, Dr Ines Varga said, but only after five years.",
     ["The orchard will need far less water", "only after five years"], "Dr Ines Varga"),
], ids=["cue-before-verb", "cue-after-verb"])
def test_cue_set_off_inside_its_clause(said, text, parts, speaker):
    quotes = said(text)
    q = find(quotes, parts[0])
    assert (q.type, q.parts, q.cue, q.speaker_text) == ("indirect", parts, "said", speaker)
    assert len(quotes) == 1  # "Dr Ines Varga said" is not the content of another verb


@pytest.mark.parametrize("text", [
    "The ferry, which the council bought in 2019, will stop running in March.",
    "According to plan, the ferry stopped running in March.",
    "The ferry stopped running, as expected, in March.",
], ids=["relative-clause", "according-to-plan", "as-expected"])
def test_no_attribution_without_a_source(said, text):
    assert [q for q in said(text) if q.speaker_text] == []


@pytest.mark.parametrize("text, part, cue, speaker", [
    ("In the latest Ipsos survey, the governing party trails the opposition by six points.",
     "the governing party trails the opposition by six points", "In", "the latest Ipsos survey"),
    ("By one estimate, the league lost 40 million euros last season.",
     "the league lost 40 million euros last season", "By", "one estimate"),
], ids=["in-a-survey", "by-an-estimate"])
def test_a_poll_or_estimate_opening_the_sentence_is_a_source(said, text, part, cue, speaker):
    q = find(said(text), part)
    assert (q.type, q.parts, q.cue, q.speaker_text) == ("indirect", [part], cue, speaker)


@pytest.mark.parametrize("text", [
    "The striker read about the transfer in the report.",
    "The tax rose by one estimate of the cost, not two.",
], ids=["in-mid-sentence", "by-mid-sentence"])
def test_a_poll_inside_the_sentence_is_no_source(said, text):
    assert said(text) == []
