"""Claims: quotes stating the same proposition, with stances; matching across articles."""
from quotegraph.claims import match_claims, same_claim, stance_of, stem


def members(record):
    return [[(m["quote"], m["stance"]) for m in c.members] for c in record.claims]


def test_assert_and_deny_one_claim(extract):
    rec = extract("Ann Lee said the dam was leaking. Omar Vance denied that the dam was leaking. "
                  "Later, Ms Lee insisted that the old dam leaks badly. "
                  "Mr Vance said the town’s budget was balanced.")
    assert [q.speaker_name for q in rec.quotes] == ["Ann Lee", "Omar Vance", "Ann Lee", "Omar Vance"]
    assert members(rec) == [[(0, "asserts"), (1, "denies"), (2, "asserts")]]
    assert rec.claims[0].claim == "the dam was leaking"


def test_negated_content_denies_but_a_negated_frame_does_not(extract):
    rec = extract("Ann Lee said the new bridge was safe. Omar Vance said the new bridge was not safe. "
                  "“It is no secret that the bridge is safe,” said Tom Reed.")
    assert members(rec) == [[(0, "asserts"), (1, "denies"), (2, "asserts")]]


def test_the_same_things_are_not_the_same_claim(extract):
    rec = extract("Ann Lee said she left her coat in the car. Omar Vance said the coat was in the car.")
    assert rec.claims == []


def test_stems_meet_across_a_words_forms():
    """Snowball's stems: inflected and derived forms meet, different words do not."""
    assert len({stem(w) for w in ("retaliate", "retaliated", "retaliation", "retaliating")}) == 1
    assert len({stem(w) for w in ("Negotiations", "negotiated", "negotiate")}) == 1
    assert stem("harbour") != stem("harm") and stem("poll") != stem("policy")


def test_across_articles():
    assert stem("interference") == stem("interfered")
    assert same_claim("Russia interfered in the election", "Moscow did not meddle in the polls")
    assert stance_of("Moscow did not meddle in the polls") == "denies"
    assert not same_claim("Russia interfered in the election", "The election was held on Sunday")
    assert match_claims(["the dam is leaking", "the budget is balanced", "The dam leaks."]) == [[0, 2]]
