"""Direct quotes: what is the quotation and what is not (the cue, its clause, the
words that only set the scene), on texts written for the test.

Where the rule depends on a parse the model gives only sometimes, the doc is built
by hand with that parse (``parsed``), so that the test checks the rule itself.
"""
from __future__ import annotations

from spacy.tokens import Doc

from quotegraph.attribution import find_attributions
from quotegraph.nlp import with_text
from quotegraph.quotemarks import find_stretches


def parsed(extractor, rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """A doc from (word, POS, tag, lemma, head index, dep) rows, one space after each
    word but before punctuation that closes."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in (",", ".", "”") and r[0] != "“"
              for i, r in enumerate(rows)]
    doc = Doc(extractor.nlp.vocab, words=words, spaces=spaces, pos=[r[1] for r in rows],
              tags=[r[2] for r in rows], lemmas=[r[3] for r in rows], heads=[r[4] for r in rows],
              deps=[r[5] for r in rows])
    return with_text(doc, doc.text)


def quotes_of(doc: Doc) -> list[tuple[str, list[str], str]]:
    text = doc.text
    atts = find_attributions(doc, find_stretches(text), [])
    return [(a.type, [text[s:e] for s, e in a.parts], text[a.cue[0]:a.cue[1]]) for a in atts]


# "In an interview, the keeper said, “my knee is fine.”", with the cue clause parsed
# as a parenthetical (parataxis) inside the quoted clause
FRAMED = [("In", "ADP", "IN", "in", 11, "prep"), ("an", "DET", "DT", "an", 2, "det"),
          ("interview", "NOUN", "NN", "interview", 0, "pobj"), (",", "PUNCT", ",", ",", 11, "punct"),
          ("the", "DET", "DT", "the", 5, "det"), ("keeper", "NOUN", "NN", "keeper", 6, "nsubj"),
          ("said", "VERB", "VBD", "say", 11, "parataxis"), (",", "PUNCT", ",", ",", 6, "punct"),
          ("“", "PUNCT", "``", "“", 6, "punct"), ("my", "PRON", "PRP$", "my", 10, "poss"),
          ("knee", "NOUN", "NN", "knee", 11, "nsubj"), ("is", "AUX", "VBZ", "be", 11, "ROOT"),
          ("fine", "ADJ", "JJ", "fine", 11, "acomp"), (".", "PUNCT", ".", ".", 11, "punct"),
          ("”", "PUNCT", "''", "”", 11, "punct")]


def test_scene_before_a_parenthetical_cue_is_not_said(extractor):
    doc = parsed(extractor, FRAMED)
    assert quotes_of(doc) == [("direct", ["my knee is fine."], "said")]


def test_an_adverb_before_a_parenthetical_cue_is_said_and_the_cue_is_left_out(extractor):
    rows = [("Instead", "ADV", "RB", "instead", 11, "advmod")] + FRAMED[3:]
    rows = [(w, p, t, lem, h - 2 if h > 0 else h, d) for w, p, t, lem, h, d in rows]
    doc = parsed(extractor, rows)
    assert doc.text == "Instead, the keeper said, “my knee is fine.”"
    assert quotes_of(doc) == [("mixed", ["Instead", "“my knee is fine.”"], "said")]


def test_mixed_quote_around_its_cue_clause_leaves_the_clause_out(said):
    quotes = said("The new ferry, she said, “will be the fastest on the lake when it sails in June.”")
    assert [(q.type, q.parts, q.cue, q.speaker_text) for q in quotes] == [
        ("mixed", ["The new ferry", "“will be the fastest on the lake when it sails in June.”"], "said", "she")]


def test_quotation_after_another_speaker_cuts_in_is_not_joined_to_the_first(said):
    quotes = said("“Tell the captain I sent you,” Marta Lund said, and her brother cut in. "
                  "“Do not forget the boat that we sold him last spring.”")
    assert [(q.type, q.parts) for q in quotes] == [
        ("direct", ["Tell the captain I sent you,"]),
        ("direct", ["Do not forget the boat that we sold him last spring."])]
    assert (quotes[0].cue, quotes[0].speaker_name) == ("said", "Marta Lund")


def test_quotation_after_the_cue_sentence_is_joined_to_the_first(said):
    quotes = said("“Forty years ago, the harbour was booming,” said Rhona Hughes, who worked at the docks. "
                  "“But those days are never coming back.”")
    assert [(q.type, q.parts, q.cue, q.speaker_name) for q in quotes] == [
        ("direct", ["Forty years ago, the harbour was booming,", "But those days are never coming back."],
         "said", "Rhona Hughes")]


def test_marks_typed_the_wrong_way_round_still_quote(said):
    text = ("Fans wrote in.\n\n”The new stadium will bring jobs to the whole valley, not just the city.” ― Ana Ruiz\n"
            "“We cannot wait another year for the bridge,“ said Tomas Berg, a ferry captain.")
    assert [(q.type, q.parts, q.cue, q.speaker_name) for q in said(text)] == [
        ("direct", ["The new stadium will bring jobs to the whole valley, not just the city."], "―", "Ana Ruiz"),
        ("direct", ["We cannot wait another year for the bridge,"], "said", "Tomas Berg")]


def test_one_word_answer_after_its_cue_is_a_direct_quote(said):
    quotes = said('Asked whether he would resign, the coach Emil Varga said, "Probably."')
    assert ("direct", ["Probably."], "said", "Emil Varga") in [(q.type, q.parts, q.cue, q.speaker_name) for q in quotes]


def test_quoted_title_after_a_verb_is_no_quote(said):
    assert said("The band played “Blue Moon” and the crowd sang along.") == []


def test_cue_with_its_occasion_before_the_quotation(said):
    quotes = said("The harbour master Tom Reyes lamented in an interview with a local radio station, "
                  "“We have spent ten years dredging this channel for nothing.”")
    assert [(q.type, q.parts, q.cue, q.speaker_name) for q in quotes] == [
        ("direct", ["We have spent ten years dredging this channel for nothing."], "lamented", "Tom Reyes")]


def test_subject_after_a_cue_parsed_as_its_object_is_the_speaker(said):
    quotes = said("The response was fast. “Whoever sells the club to a hedge fund has no place in this stadium!” "
                  "wrote a man calling himself Pedro Pedro.")
    q = next(q for q in quotes if q.type == "direct")
    assert (q.parts, q.cue, q.speaker_text) == (
        ["Whoever sells the club to a hedge fund has no place in this stadium!"], "wrote", "a man")
