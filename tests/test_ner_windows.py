"""Entities where names can be (``ner_windows``): ``ner`` on windows around capitalised tokens and numbers."""
from quotegraph.ner_windows import PAD, entities_near_names, is_candidate, windows

LONG = ("The mayor of Leeds, Judith Blake, opened the new library on Tuesday and spoke to the "
        "children who had waited outside in the rain for most of the morning, while their "
        "parents talked about the long delays and the rising cost of the building work that had "
        "gone on for years before anyone could see a shelf, a book or a reading room at all. "
        "Later the minister, Angela Rayner, visited Manchester with 300 volunteers.")


def test_candidates_are_capitalised_or_hold_a_digit():
    assert [w for w in ["Obama", "U.S.", "O’Malley", "iPhone", "1972", "said", "n’t", "the"]
            if is_candidate(w)] == ["Obama", "U.S.", "O’Malley", "iPhone", "1972"]


def test_windows_pad_candidates_and_separate_far_ones(extractor):
    doc = extractor.nlp.make_doc(LONG)
    keep, cand = windows(doc)
    # "The" is no candidate: a title-case stop word
    assert [t.text for t, c in zip(doc, cand) if c] == [
        "Leeds", "Judith", "Blake", "Tuesday", "Later", "Angela", "Rayner", "Manchester", "300"]
    tuesday = [t.text for t in doc].index("Tuesday")
    # one window from the doc start (windows closer than GAP join) to PAD tokens after "Tuesday" ...
    assert keep[:tuesday + PAD + 1] == list(range(tuesday + PAD + 1))
    assert keep[tuesday + PAD + 1] == -1  # ... then a cut
    kept = [doc[i].text for i in keep if i >= 0]
    assert "Judith" in kept and "Rayner" in kept and "300" in kept
    assert "shelf" not in kept  # far from any candidate


def test_entities_at_their_own_tokens_as_with_the_whole_doc(extractor):
    nlp = extractor.nlp
    (doc,) = entities_near_names(nlp, nlp.pipe([LONG], disable=["ner"]), 4)
    full = nlp(LONG)
    names = {"PERSON", "GPE", "ORG", "CARDINAL"}
    got = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in names]
    assert got == [(e.start_char, e.end_char, e.label_) for e in full.ents if e.label_ in names]
    # a date without a capital or a digit, far from any, is left out: "for years"
    assert ("years", "DATE") in {(e.text, e.label_) for e in full.ents}
    assert "years" not in {e.text for e in doc.ents}
    got += [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ == "DATE"]
    assert {(LONG[s:e], label) for s, e, label in got} >= {
        ("Leeds", "GPE"), ("Judith Blake", "PERSON"), ("Angela Rayner", "PERSON"),
        ("300", "CARDINAL"), ("Tuesday", "DATE")}
    assert all(t.ent_iob_ in ("B", "I", "O") for t in doc)  # every token annotated, as by ner


def test_without_ner_docs_pass_through(extractor):
    import spacy
    blank = spacy.blank("en")
    (doc,) = entities_near_names(blank, [blank("Judith Blake spoke.")], 4)
    assert doc.ents == ()
