"""The attribute ruler applied from a table sets exactly what spaCy's ruler sets."""
import numpy
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from quotegraph import attribute_table
from quotegraph.attribute_table import TableAttributeRuler, use_table
from quotegraph.nlp import lemma_fixes, load
from quotegraph.pipeline import model_name

SET = [POS, MORPH, LEMMA, TAG, DEP]
TEXTS = [
    "I think you ain't gonna win, y'all. Let's go. C'mon, it gets worse: he got the gold.",
    "The harbour master hopes the ferries will run again by March.  \n\n  Did they? There is a queue.",
    "The Kenyan runner, who has won twice, said: “We did it because we had to.”",
    "Shares of the brewer fell 4 % in Tokyo on Tuesday; it was the worst day since 2019.",
    "",
    "\n",
]


@pytest.fixture(scope="module")
def stock():
    """The model as spacy.load gives it, with our lemma fixes: spaCy's own ruler."""
    nlp = spacy.load(model_name())
    nlp.get_pipe("attribute_ruler").add_patterns(lemma_fixes())
    return nlp


def ruled(nlp, ruler, texts):
    docs = list(nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]))
    return [ruler(doc).to_array(SET) for doc in docs]


def table_ruler(stock):
    ruler = TableAttributeRuler(stock.vocab)
    ruler.add_patterns(stock.get_pipe("attribute_ruler").patterns)
    return ruler


def test_the_table_sets_what_the_ruler_sets(stock):
    want = ruled(stock, stock.get_pipe("attribute_ruler"), TEXTS)
    got = ruled(stock, table_ruler(stock), TEXTS)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert numpy.array_equal(g, w)
    # spot checks that the rules did something: "ai" of "ain't" -> be, "gets" -> get, "hopes" -> hope
    doc = stock(TEXTS[0] + " " + TEXTS[1])
    assert [t.lemma_ for t in doc if t.lower_ in ("ai", "gets", "hopes")] == ["be", "get", "hope"]


def test_a_full_table_starts_again_with_the_same_results(stock, monkeypatch):
    monkeypatch.setattr(attribute_table, "MAX_ROWS", 30)
    ruler = table_ruler(stock)
    want = ruled(stock, stock.get_pipe("attribute_ruler"), TEXTS[:2])
    got = ruled(stock, ruler, TEXTS[:2])
    assert all(numpy.array_equal(g, w) for g, w in zip(got, want))
    assert len(ruler._rows) <= 30 + max(len(stock.make_doc(t)) for t in TEXTS[:2])


def test_a_pattern_added_later_is_applied(stock):
    ruler = table_ruler(stock)
    ruler.add([[{"LOWER": "ferries"}]], {"LEMMA": "boat"})
    doc = stock(TEXTS[1], disable=["attribute_ruler", "lemmatizer", "ner"])
    assert [t.lemma_ for t in ruler(doc) if t.lower_ == "ferries"] == ["boat"]


def test_quotegraph_loads_the_table_ruler():
    nlp = load(model_name())
    assert isinstance(nlp.get_pipe("attribute_ruler"), TableAttributeRuler)
    use_table(nlp)  # twice is once
    assert nlp.pipe_names.count("attribute_ruler") == 1
