"""Named entities where names can be: spaCy's ``ner`` on the stretches around them only.

The entity recogniser is the most expensive component of the pipeline (its own
tok2vec, then a transition per token: about 45 % of en_core_web_sm's time on
news), yet the entities the extraction reads (people, organisations, places,
nationalities, numbers and dates) hold a capital letter, a digit or a number
word. So ``ner`` runs on the windows of tokens around such *candidates*
(as many tokens of context each side as ``ner``'s tok2vec looks at, depth times
window: 4 in en_core_web_sm, so that a candidate's vector is the one it has in
the whole doc; windows closer than :data:`GAP` are one), all windows of an article joined into one doc with a paragraph break
between windows, and the entities it finds are set back on the article's doc
at their own tokens: spans and offsets exactly as in the full doc. Title-case
stop words ("I", "The", "He", "In") are no candidates.

An entity is kept when it holds a candidate, or lies away from the cut edges
of its window (there, with its context cut off, the recogniser can tag a stray
"n't"). On PolNeAR news the windows hold about 60 % of the tokens; the quotes,
speakers and canonical names of 60 dev articles came out the same as with
``ner`` on the whole doc; the entities lost are lower-case ones ("plutonian",
"navy", a "years" far from any name or number).
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc, Span

PAD = 4  # tokens of context each side of a candidate, unless the model says (see receptive_field)
GAP = 4  # two windows closer than this are one: a cut would cost more context than it saves
SEPARATOR = "\n\n"  # between two windows: a paragraph break, as in any article


def is_candidate(text: str) -> bool:
    """A token a name or number can be: with a capital ("Obama", "U.S.", "iPhone") or a digit."""
    return any(c.isupper() or c.isdigit() for c in text)


def _capitalised_stop_word(tok) -> bool:
    """"I", "The", "In", "He" (spaCy's stop words, title-case): no name, whatever their
    capital; "US", "May" in "Theresa May" are kept (all capitals; next to a candidate)."""
    return tok.is_stop and (tok.is_title or len(tok.text) == 1)


def receptive_field(nlp: Language) -> int:
    """How many tokens away ``ner``'s tok2vec looks (depth times window of its encoder), else :data:`PAD`."""
    try:
        encode = nlp.get_pipe_config("ner")["model"]["tok2vec"]["encode"]
        return int(encode["depth"]) * int(encode["window_size"])
    except (KeyError, TypeError, ValueError):
        return PAD


def windows(doc: Doc, pad: int = PAD) -> tuple[list[int], list[bool]]:
    """The tokens to run ``ner`` on (doc positions, -1 for a separator between two
    windows) and, per token of the doc, whether it is a candidate."""
    cand = [t.like_num or (is_candidate(t.text) and not _capitalised_stop_word(t)) for t in doc]
    keep: list[int] = []
    end = 0  # one past the last token kept
    for i, c in enumerate(cand):
        if not c:
            continue
        lo, hi = max(i - pad, end), min(i + pad + 1, len(doc))
        if keep and lo - end <= GAP:
            lo = end
        elif keep:
            keep.append(-1)
        keep.extend(range(lo, hi))
        end = max(end, hi)
    return keep, cand


def _window_doc(doc: Doc, keep: list[int]) -> Doc:
    """A doc of the kept tokens, with their own norms ("n’t" -> "not"), and separators."""
    norms = doc.to_array([NORM])
    sep = doc.vocab.strings.add(SEPARATOR)
    words = [SEPARATOR if i < 0 else doc[i].text for i in keep]
    spaces = [False if i < 0 else bool(doc[i].whitespace_) for i in keep]
    sub = Doc(doc.vocab, words=words, spaces=spaces)
    if keep:
        rows = norms[[max(i, 0) for i in keep]].reshape(-1, 1)
        rows[[k for k, i in enumerate(keep) if i < 0]] = sep
        sub.from_array([NORM], rows)
    return sub


def _kept(span: Span, keep: list[int], cand: list[bool], n: int, pad: int) -> bool:
    """Whether an entity of the window doc is one of the article's."""
    at = keep[span.start:span.end]
    if -1 in at:
        return False
    if any(cand[i] for i in at):
        return True
    kept = set(keep)
    lo, hi = at[0], at[-1]
    cut_before = lo > 0 and any(j not in kept for j in range(max(0, lo - pad), lo))
    cut_after = hi + 1 < n and any(j not in kept for j in range(hi + 1, min(n, hi + 1 + pad)))
    return not (cut_before or cut_after)


def entities_near_names(nlp: Language, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """``docs`` (parsed without ``ner``) with the entities of ``nlp``'s ``ner`` run on
    the windows around candidates; with no ``ner`` in the pipeline, as they are."""
    docs = list(docs)
    if "ner" not in nlp.pipe_names:
        yield from docs
        return
    ner = nlp.get_pipe("ner")
    pad = receptive_field(nlp)
    plans = [windows(doc, pad) for doc in docs]
    subs = ner.pipe((_window_doc(doc, keep) for doc, (keep, _) in zip(docs, plans)), batch_size=batch_size)
    for doc, (keep, cand), sub in zip(docs, plans, subs):
        ents = [Span(doc, keep[e.start], keep[e.end - 1] + 1, label=e.label)
                for e in sub.ents if _kept(e, keep, cand, len(doc), pad)]
        doc.set_ents(ents, default="outside")
        yield doc
