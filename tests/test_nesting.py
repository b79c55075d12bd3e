"""Scope of reported clauses (issue 8, nesting and scoping): a content ends at
the end of the clause its cue governs; the speaker's next verb and a participle
of speech after a comma give attributions of their own, with the same speaker.
Whole extractor, small texts written for the test."""
import pytest


def by_cue(quotes):
    return {q.cue: (q.parts, q.speaker_text) for q in quotes}


@pytest.mark.parametrize("text, first, second", [
    ("The fishermen believe the new quota has ruined the harbour economy, "
     "and admit that the fleet may not survive the winter.",
     ("believe", ["the new quota has ruined the harbour economy"], "The fishermen"),
     ("admit", ["that the fleet may not survive the winter"], "The fishermen")),
    ("The coach denies that the club broke any rule and insists that the transfer was fair.",
     ("denies", ["that the club broke any rule"], "The coach"),
     ("insists", ["that the transfer was fair"], "The coach")),
    ("Several cyclists said they would reluctantly ride the new course, while stressing that it was not safe.",
     ("said", ["they would reluctantly ride the new course"], "Several cyclists"),
     ("stressing", ["that it was not safe"], "Several cyclists")),
    ("The mayor promised to cut bus fares and raised them a month later.",
     ("promised", ["to cut bus fares"], "The mayor"), None),
], ids=["conj-after-comma", "conj-of-other-tense", "while-participle", "infinitive-then-past"])
def test_the_speakers_next_verb_ends_the_content(said, text, first, second):
    found = by_cue(said(text))
    for cue, parts, speaker in filter(None, (first, second)):
        assert found.get(cue) == (parts, speaker), found


@pytest.mark.parametrize("text, content", [
    ("Ms Okafor said the brewery lost money last year and cut forty jobs.",
     "the brewery lost money last year and cut forty jobs"),
    ("Ms Okafor said the brewery has lost money and cut forty jobs.",
     "the brewery has lost money and cut forty jobs"),
    ("The minister said the airline will raise fares and cut routes.",
     "the airline will raise fares and cut routes"),
    ("The engineers argued that the old bridge shouldn't be closed but repaired with money from the tunnel.",
     "that the old bridge shouldn't be closed but repaired with money from the tunnel"),
    ("The mayor wants to cut bus fares and raise parking charges.",
     "to cut bus fares and raise parking charges"),
], ids=["same-tense", "shared-auxiliary", "shared-modal", "shared-passive", "shared-infinitive"])
def test_verbs_sharing_the_reported_subject_stay_in_the_content(said, text, content):
    (q,) = said(text)
    assert (q.type, q.parts) == ("indirect", [content])


def test_speech_reported_inside_a_content_is_no_attribution_of_its_own(said):
    (q,) = said("The referee said the captain had told him that the match was over.")
    assert (q.cue, q.parts, q.speaker_text) == (
        "said", ["the captain had told him that the match was over"], "The referee")


def test_one_attribution_per_cue_keeps_the_quotation_then_the_clause():
    from quotegraph.found import Attribution
    from quotegraph.nesting import one_per_cue

    split = Attribution("mixed", [(0, 40), (60, 90)], cue=(45, 49), speaker_tok=None, speaker=None)
    part = Attribution("indirect", [(10, 40)], cue=(45, 49), speaker_tok=None, speaker=None)
    other = Attribution("indirect", [(10, 40)], cue=(95, 99), speaker_tok=None, speaker=None)
    apart = Attribution("indirect", [(100, 120)], cue=(45, 49), speaker_tok=None, speaker=None)
    assert one_per_cue([part, split, other, apart]) == [split, other, apart]
    with_addressee = Attribution("mixed", [(130, 180)], cue=(124, 128), speaker_tok=None, speaker=None)
    clause = Attribution("mixed", [(150, 180)], cue=(124, 128), speaker_tok=None, speaker=None)
    assert one_per_cue([with_addressee, clause]) == [clause]


def test_a_participle_after_the_audience_is_the_senders(said):
    (q,) = said('The rowing club emailed supporters saying: "The regatta will go ahead on Saturday."')
    assert (q.type, q.cue, q.parts, q.speaker_text) == (
        "direct", "saying", ["The regatta will go ahead on Saturday."], "The rowing club")
