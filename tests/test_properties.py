"""Properties of the extraction for any text (hypothesis): it never fails, every span
lies inside the text, ``speaker_text`` is its span's text, a direct quote lies inside
quotation marks (``quotegraph.invariants``), a rerun gives the same record, and an
unrelated paragraph added at the end changes no quote before it.

Bounded: a few dozen examples per property, derandomized (the same examples on every
run), no example database; benchmarks/fuzz.py runs the same checks on 10,000 inputs.
"""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotegraph.invariants import quote_view, violations
from quotegraph.record import Article

BOUNDED = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

MARKS = list("“”„«»‹›‘’‚\"'`‒–—―-::\n ")
WORDS = ["said", "told reporters", "added", "according to", "the minister", "he", "she", "We will win",
         "Ann Poole", "Tom Reed", "Mr", "Dr.", "that", "It is over", ".", ",", "\n\n"]

# text heavy in the characters the extraction reacts to, with any other code point mixed in
pieces = st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS),
                   st.characters(exclude_categories=("Cs",)), st.text(max_size=8))
texts = st.lists(pieces, max_size=60).map("".join)

# small news-like paragraphs: someone says something, in one of the styles the extraction knows
said_lines = st.sampled_from([
    "“We will build the bridge by May,” said Ann Poole.",
    "Tom Reed said: “The cost will be lower than feared.”",
    "Helen Marlow told reporters that the school needed a new roof.",
    "“It is over,” she said. “We lost.”",
    "The minister warned that spending would fall.",
    "According to the council, repairs will start in June.",
    "Residents said they were “deeply worried” about the floods.",
    "“Nobody wants another delay” ― Tom Reed",
    "The council met on Monday.",
])
articles = st.lists(said_lines, min_size=1, max_size=5).map("\n\n".join)
UNRELATED = ["The weather stayed mild and dry for most of the week.",
             "Tickets for the summer fair go on sale in April.",
             "The museum will open two new galleries next year."]


@BOUNDED
@given(text=st.one_of(texts, articles))
def test_any_text_gives_a_record_that_keeps_the_invariants(extractor, text):
    record = extractor.extract(Article("p", text))
    assert record.error is None
    assert violations(record) == []


@BOUNDED
@given(text=st.one_of(texts, articles))
def test_a_rerun_gives_the_same_record(extractor, text):
    assert extractor.extract(Article("p", text)).to_dict() == extractor.extract(Article("p", text)).to_dict()


@BOUNDED
@given(text=articles, extra=st.sampled_from(UNRELATED))
def test_an_unrelated_paragraph_at_the_end_changes_no_quote(extractor, text, extra):
    before = extractor.extract(Article("p", text))
    after = extractor.extract(Article("p", text + "\n\n" + extra))
    assert [quote_view(after, q) for q in after.quotes] == [quote_view(before, q) for q in before.quotes]
