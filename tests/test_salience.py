"""The scored choice of a pronoun's antecedent, on plain mention records."""
from quotegraph.salience import Mention, choose, gender_fit, scores


def test_recent_object_beats_an_old_subject():
    # "Ada Kern opened the meeting. Hours later the board thanked Ivo Marsh. 'Thank you,' he said."
    mentions = [Mention(pos=20, entity=1, sentences_back=1, role="dobj"),
                Mention(pos=0, entity=0, sentences_back=2, main_subject=True, role="nsubj")]
    assert choose(mentions, {}, "m") == 1


def test_subject_of_the_same_sentence_beats_a_later_possessor():
    mentions = [Mention(pos=12, entity=1, sentences_back=0, role="poss"),
                Mention(pos=10, entity=0, sentences_back=0, main_subject=True, role="nsubj")]
    assert choose(mentions, {}, None) == 0


def test_being_named_often_adds_nothing_beyond_the_best_mention():
    often = [Mention(pos=p, entity=0, sentences_back=3, main_subject=True, role="nsubj") for p in range(8)]
    once = [Mention(pos=50, entity=1, sentences_back=1, main_subject=True, role="nsubj")]
    assert choose(often + once, {}, "f") == 1
    assert scores(often, {}, "f")[0] == scores(often[:1], {}, "f")[0]


def test_known_other_gender_is_never_chosen():
    mentions = [Mention(pos=5, entity=0, sentences_back=0, main_subject=True, role="nsubj")]
    assert choose(mentions, {0: ("m", "m")}, "f") is None


def test_a_guessed_gender_only_lowers_the_score():
    # a first name mostly given to men ("Lee"), just named as the speaker, still beats a woman
    # named two sentences earlier as an object
    mentions = [Mention(pos=40, entity=0, sentences_back=1, main_subject=True, role="nsubj"),
                Mention(pos=10, entity=1, sentences_back=2, role="dobj")]
    assert choose(mentions, {0: (None, "m"), 1: ("f", "f")}, "f") == 0
    assert gender_fit("f", None, "m") < gender_fit("f", None, None) < gender_fit("f", "f", "f")


def test_ties_go_to_the_person_named_last():
    mentions = [Mention(pos=3, entity=0, sentences_back=1, role="pobj"),
                Mention(pos=7, entity=1, sentences_back=1, role="pobj")]
    assert choose(mentions, {}, None) == 1
    assert choose([], {}, "m") is None
