"""Loading the spaCy pipeline, with paragraph breaks as hard sentence breaks."""
from __future__ import annotations

import ctypes
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .attribute_table import use_table
from .lexicons import data_lines


M_MMAP_THRESHOLD = -3  # mallopt parameter number, from glibc's malloc.h
VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]  # the tags of verb forms (POS is set by the same ruler)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: a paragraph never runs into the next."""
    for tok in doc[:-1]:
        if "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


def _return_freed_memory() -> None:
    """Keep glibc from holding on to the large arrays of finished batches.

    glibc raises its mmap threshold each time a large block is freed, so the
    arrays of later batches land on the heap and are never given back; a fixed
    threshold lets every large array go back to the system when freed (about
    40 MB less peak memory on news articles). A no-op where glibc is absent.
    """
    try:
        ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, 128 * 1024)
    except (OSError, AttributeError):
        pass


# a double quotation mark glued to a word, and a comma or colon glued to the opening
# mark after it ("Ryan said,“Look, ...”", "Obama:“Yes ...”", "Obama:"Yes ..."):
# split there, never at apostrophes
GLUED_QUOTES = [r"[“”„«»]", r",(?=[“„«])", r"(?<=[^\W\d_]):(?=[“„«‹‘‚\"'])"]


def _split_glued_quotes(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or []) + GLUED_QUOTES
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def load(model: str) -> Language:
    """Load an installed spaCy pipeline by package name or path, once per process."""
    _return_freed_memory()
    nlp = spacy.load(model)
    _split_glued_quotes(nlp)
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        nlp.get_pipe("attribute_ruler").add_patterns(lemma_fixes())
        use_table(nlp)  # the same rules, several times faster
    return nlp


def lemma_fixes() -> list[dict]:
    """Attribute-ruler patterns of ``data/lemma_fixes.tsv``: verb forms and their right lemma."""
    rows = [line.split("\t") for line in data_lines("lemma_fixes.tsv")]
    return [{"patterns": [[{"LOWER": form.strip(), "TAG": {"IN": VERB_TAGS}}]], "attrs": {"LEMMA": lemma.strip()}}
            for form, lemma in rows]


def sentence_table(doc: Doc) -> tuple[list[int], list[int]]:
    """(start token of each sentence, sentence number of each token), computed once
    per doc: spaCy's ``Token.sent`` scans the doc on every call."""
    table = doc.user_data.get("quotegraph_sentences")
    if table is None:
        starts, index = [], []
        for k, sent in enumerate(doc.sents):
            starts.append(sent.start)
            index.extend([k] * len(sent))
        table = doc.user_data["quotegraph_sentences"] = (starts, index)
    return table


def sentence_number(tok: Token) -> int:
    """The number of the sentence ``tok`` is in (0-based)."""
    return sentence_table(tok.doc)[1][tok.i]


def sentence(tok: Token) -> Span:
    """The sentence of ``tok``, like ``tok.sent`` but in constant time."""
    starts, index = sentence_table(tok.doc)
    k = index[tok.i]
    end = starts[k + 1] if k + 1 < len(starts) else len(tok.doc)
    return tok.doc[starts[k]:end]


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc (spaCy rebuilds it from the tokens on every call)."""
    text = doc.user_data.get("quotegraph_text")
    if text is None:
        text = doc.user_data["quotegraph_text"] = doc.text
    return text


def with_text(doc: Doc, text: str) -> Doc:
    """``doc`` made from ``text``, which :func:`doc_text` returns without rebuilding it
    (spaCy's tokenizer keeps every character of its input)."""
    doc.user_data["quotegraph_text"] = text
    return doc
