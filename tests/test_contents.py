"""Noun-phrase contents (issue 8, item 1): the object of a cue verb with the
phrases that complete it, the object of "called for", "went after"; never the
person spoken to. Whole extractor, small texts written for the test."""
import pytest


def only(quotes):
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize("text, cue, content, speaker", [
    ("The harbour master called the new ferry a floating hazard.", "called",
     "the new ferry a floating hazard", "The harbour master"),
    ("Councillor Ines Varga blamed the flooding on the drainage contractor.", "blamed",
     "the flooding on the drainage contractor", "Councillor Ines Varga"),
    ("The fishermen's union thanked the coastguard for its quick rescue.", "thanked",
     "the coastguard for its quick rescue", "The fishermen's union"),
    ("Ines Varga expected both the ferry and the tug to arrive by noon.", "expected",
     "both the ferry and the tug to arrive by noon", "Ines Varga"),
    ("Ines Varga asked the ferry captain about the timetable.", "asked",
     "the ferry captain about the timetable", "Ines Varga"),
], ids=["object-predicate", "object-on", "object-for", "object-infinitive", "addressee-with-about"])
def test_object_content_keeps_its_tail(said, text, cue, content, speaker):
    q = only(said(text))
    assert (q.type, q.cue, q.parts, q.speaker_text) == ("indirect", cue, [content], speaker)


def test_time_and_place_after_the_object_are_not_content(said):
    q = only(said("Ms Varga described the timetable as unworkable in an interview on Friday."))
    assert (q.cue, q.parts, q.speaker_text) == ("described", ["the timetable as unworkable"], "Ms Varga")


def test_pronoun_object_with_a_predicate_is_content(said):
    q = only(said("Tomas Reyes called her a reckless captain."))
    assert (q.cue, q.parts, q.speaker_text) == ("called", ["her a reckless captain"], "Tomas Reyes")


@pytest.mark.parametrize("text, cue, content", [
    ("The union pushed for a ban on night sailings.", "pushed for", "a ban on night sailings"),
    ("The opposition leader went after the mayor on Tuesday.", "went after", "the mayor"),
    ("The harbour master spoke to reporters about the new timetable.", "spoke to reporters about",
     "the new timetable"),
], ids=["pushed-for", "went-after", "spoke-to-about"])
def test_prepositional_object_content(said, text, cue, content):
    q = only(said(text))
    assert (q.type, q.cue, q.parts) == ("indirect", cue, [content])


def test_quoted_label_after_the_object_makes_a_mixed_quote(said):
    q = only(said("Critics call it a “bridge to nowhere” and the name has stuck."))
    assert (q.type, q.cue, q.parts, q.speaker_text) == ("mixed", "call", ["it a “bridge to nowhere”"], "Critics")


@pytest.mark.parametrize("text", [
    "Tomas Reyes told the Harbour Gazette on Monday.",
    "The mayor spoke to reporters after the vote.",
    "The harbour master talked with Ines Varga for an hour.",
    "Tomas Reyes denied it.",
], ids=["told-outlet", "spoke-to", "talked-with", "pronoun-alone"])
def test_addressee_or_bare_pronoun_is_never_content(said, text):
    assert said(text) == []


def test_passive_subject_is_the_content_and_the_agent_the_speaker(said):
    q = only(said("The harbour plan was criticized by the fishermen's union."))
    assert (q.cue, q.parts, q.speaker_text) == ("criticized", ["The harbour plan"], "the fishermen's union")


def test_passive_without_agent_has_no_speaker_and_no_quote(said):
    assert said("The harbour plan was criticized last week.") == []


@pytest.mark.parametrize("text", [
    "As the Harbour Gazette reported on Monday, the ferry will stop sailing in May.",
    "The ferry will stop sailing in May, as the Harbour Gazette reported on Monday.",
], ids=["as-first", "as-last"])
def test_as_clause_reports_the_rest_of_the_sentence(said, text):
    q = only(said(text))  # the parser may hang "the Harbour" on "As": the mention is then "Gazette"
    assert q.cue == "reported" and q.speaker_text in ("the Harbour Gazette", "Gazette")
    assert [p.lower() for p in q.parts] == ["the ferry will stop sailing in may"]


def test_as_clause_of_a_verb_that_reports_nothing_is_no_quote(said):
    assert said("The ferry sailed as the captain wanted.") == []


def test_relative_clause_cue_takes_who_as_its_speaker(said):
    q = only(said("The lifeboat crew, who on Sunday praised the new harbour wall, met the mayor."))
    assert (q.cue, q.parts, q.speaker_text) == ("praised", ["the new harbour wall"], "who")


def test_object_content_ends_before_a_relative_clause_after_a_comma(said):
    q = only(said("Tomas Reyes criticized the harbour plan, which the council approved in May."))
    assert (q.cue, q.parts, q.speaker_text) == ("criticized", ["the harbour plan"], "Tomas Reyes")


def test_cue_inside_reported_speech_splits_it_in_two_parts(said):
    q = only(said("The ferry was late on Monday, the captain said, because of the fog."))
    assert (q.type, q.cue, q.speaker_text) == ("indirect", "said", "the captain")
    assert q.parts == ["The ferry was late on Monday", "because of the fog"]


def test_quotation_then_cue_and_a_clause_of_the_writer_stays_direct(said):
    q = only(said("“Stop,” the captain shouted, as the crew ran to the deck."))
    assert (q.type, q.cue, q.parts, q.speaker_text) == ("direct", "shouted", ["Stop,"], "the captain")


@pytest.mark.parametrize("text", ["Ines Varga is hoping to sail to Oslo in May.",
                                  "Ines Varga hopes to sail to Oslo in May."])
def test_lemma_with_its_final_e_dropped_is_still_a_cue(said, text):
    q = only(said(text))  # the model lemmatizes "hopes" and "hoping" as "hop"
    assert (q.parts, q.speaker_text) == (["to sail to Oslo in May"], "Ines Varga")


@pytest.mark.parametrize("text, cue, content", [
    ("Ines Varga referred to him as a reckless captain.", "referred to", "him as a reckless captain"),
    ("The crowd responded with chants of support for the captain.", "responded with",
     "chants of support for the captain"),
], ids=["pronoun-with-as", "responded-with"])
def test_prepositional_content_of_listed_pairs(said, text, cue, content):
    q = only(said(text))
    assert (q.cue, q.parts) == (cue, [content])


def test_speaking_on_condition_of_anonymity_is_not_content(said):
    q = only(said("A council official, who spoke on condition of anonymity, said the ferry would stop."))
    assert (q.cue, q.parts, q.speaker_text) == ("said", ["the ferry would stop"], "A council official")


def test_infinitive_content_keeps_the_verbs_listed_after_it(said):
    q = only(said("Ines Varga wants to triple the fleet, grow the crew and build a new harbour."))
    assert (q.cue, q.parts) == ("wants", ["to triple the fleet, grow the crew and build a new harbour"])
