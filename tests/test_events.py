"""Events: PLOVER types with actors, recipients, modes and who reports them."""
import pytest

from quotegraph.events import NOT_ACTS, find_events, triggers


def acts(record):
    return [(e.type, e.actor, e.recipient) for e in record.events if e.mode not in NOT_ACTS]


def test_lexicon_loads_patterns_of_each_kind():
    lex = triggers()
    assert lex.verbs["accuse"] == ("ACCUSE", "disapprove")
    assert any("aid" in words for words, _, _ in lex.verb_child["give"])
    assert any(words == ["hunger", "strike"] for words, _, _ in lex.nouns["strike"])


def test_meeting_has_every_party_as_actor(extract):
    rec = extract("Anna Berg met Paul Okafor in Lagos on Monday.")
    assert acts(rec) == [("CONSULT", ["Anna Berg", "Paul Okafor"], [])]


def test_states_and_their_metonyms(extract):
    rec = extract("The Chilean government accused Lima of shelling border villages.")
    assert acts(rec) == [("ACCUSE", ["Chile"], ["Peru"])]


def test_light_verb_noun_and_passive(extract):
    assert acts(extract("Dock workers staged a protest against the new port tax.")) == \
        [("PROTEST", ["Dock workers"], [])]
    assert acts(extract("Dozens of students were arrested by the police in Quito.")) == \
        [("COERCE", ["police"], ["students"])]


@pytest.mark.parametrize("text, mode", [
    ("Chile did not attack Peru.", "negated"),
    ("Chile could attack Peru if the talks fail.", "hypothetical"),
])
def test_acts_not_done_are_marked(extract, text, mode):
    rec = extract(text)
    assert [(e.type, e.mode) for e in rec.events] == [("ASSAULT", mode)]
    assert acts(rec) == []


def test_intentions_refusals_and_plain_statements(extract):
    assert acts(extract("Japan said it will send aid to Haiti.")) == [("AGREE", ["Japan"], ["Haiti"])]
    assert acts(extract("Japan said it would not send aid to Haiti.")) == [("REJECT", ["Japan"], ["Haiti"])]
    assert acts(extract("The minister said the talks were useful.")) == []
    assert acts(extract("Congress asked the president to help Haiti.")) == []


def test_allegations_in_speech(extract):
    rec = extract("Senator Ruth Cole claimed that Chinese hackers had attacked the agency.")
    assert acts(rec) == [("ACCUSE", ["Ruth Cole"], ["China"])]
    assert rec.events[0].mode == "allege"
    assert acts(extract("Beijing denied that Chinese hackers had attacked the agency.")) == []


def test_event_inside_a_quote_is_reported_by_its_speaker(extract):
    rec = extract("“Troops from Chad attacked our villages,” the governor, Ali Musa, said.")
    (ev,) = [e for e in rec.events if e.type == "ASSAULT"]
    assert ev.actor == ["Chad"] and ev.reported_by == 0


def test_find_events_on_a_bare_parse(extractor):
    doc = extractor.nlp("Rebels released two hostages on Friday.")
    (f,) = find_events(doc)
    assert (f.type, doc[f.actors[0]].text, [doc[r].text for r in f.recipients]) == ("RETREAT", "Rebels", ["hostages"])
