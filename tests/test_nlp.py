"""The spaCy pipeline as quotegraph loads it: its tokenizer and sentence breaks."""
import pytest

from quotegraph.nlp import load
from quotegraph.pipeline import model_name


@pytest.fixture(scope="module")
def nlp():
    return load(model_name())


@pytest.mark.parametrize("text, tokens", [
    ("Ann said,“Look at it.”", ["Ann", "said", ",", "“", "Look", "at", "it", ".", "”"]),
    ("the “bridge”was", ["the", "“", "bridge", "”", "was"]),
    ("rock ‘n’ roll, don’t", ["rock", "‘", "n", "’", "roll", ",", "do", "n’t"]),
    ("Ann:“Go.”", ["Ann", ":", "“", "Go", ".", "”"]),
    ('Ann:"Go."', ["Ann", ":", '"Go', ".", '"']),
    ("at 10:30, http://x.org", ["at", "10:30", ",", "http://x.org"]),
], ids=["comma-glued-to-mark", "mark-glued-to-word", "apostrophes-untouched", "colon-glued-to-mark",
        "colon-glued-to-straight-mark", "colons-elsewhere-untouched"])
def test_double_quotation_marks_glued_to_words_are_tokens(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_a_paragraph_break_starts_a_sentence(nlp):
    doc = nlp("The bridge opened on Monday, said\n\nAnn Poole of the council.")
    assert [s.text.strip() for s in doc.sents][-1] == "Ann Poole of the council."
