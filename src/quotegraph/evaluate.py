"""Scoring predicted quotes against gold, as defined in the evaluation FORMAT.md.

Quotes of one article are paired one to one, greedily, best overlap first: the
overlap of two quotes is the Jaccard index (by characters) of their content
parts, each part trimmed of quotation marks, spaces and edge punctuation.
Precision, recall and F1 are counted at three strictness levels (any overlap,
Jaccard >= 0.5, exact), for all quotes and for each type separately (pairing
within that type). Pairs at Jaccard >= 0.5 are also judged for the speaker:
by canonical name where gold has one, else by overlap of the speaker mentions.
The joint F1 counts a quote as found only when both content (Jaccard >= 0.5)
and speaker are right; a gold quote without any speaker counts as right once
matched.

:func:`score` returns the same JSON shape, and :func:`format_table` the same
table, as the reference ``score.py``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional, Sequence

from .inputs import json_problem

QUOTE_TYPES = ("direct", "indirect", "mixed")
GROUPS = ("all",) + QUOTE_TYPES

# Strictness levels: the name and the least Jaccard index a pair needs.
LEVELS = (("overlap", 0.0), ("jaccard50", 0.5), ("exact", 0.999))
SPEAKER_LEVEL = 0.5  # pairs from this Jaccard on are judged for the speaker

# Characters trimmed from both ends of a content part before comparing.
TRIMMED = frozenset(" \t\n\r\"'“”‘’«»„‚,.;:!?—–-()[]")

# Words ignored in names: articles, honorifics, offices, suffixes.
NAME_FILLERS = frozenset(
    "the mr mrs ms miss mx dr sir dame lord lady prof professor president prime minister "
    "senator rep gov governor gen general rev st jr sr ii iii iv".split())

Spans = list[tuple[int, int]]


class ScoreError(ValueError):
    """Gold and predictions cannot be compared (e.g. an article's text differs)."""


# --- content ---------------------------------------------------------------

def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without edge quotation marks, spaces and punctuation."""
    while start < end and text[start] in TRIMMED:
        start += 1
    while end > start and text[end - 1] in TRIMMED:
        end -= 1
    return start, end


def content_spans(text: str, quote: dict) -> Spans:
    """The trimmed, non-empty content parts of a quote (``content`` if no parts)."""
    spans = quote.get("content_parts") or [quote["content"]]
    out = []
    for s, e in spans:
        s, e = trimmed(text, s, e)
        if e > s:
            out.append((s, e))
    return out


def jaccard(a: Spans, b: Spans) -> float:
    """Characters shared by two sets of spans over characters covered by either."""
    shared = 0
    for s1, e1 in a:
        for s2, e2 in b:
            shared += max(0, min(e1, e2) - max(s1, s2))
    covered = sum(e - s for s, e in a) + sum(e - s for s, e in b) - shared
    return shared / covered if covered else 0.0


@dataclass(frozen=True)
class Pair:
    """A gold quote (index) paired with a predicted one, and their Jaccard index."""

    overlap: float
    gold: int
    pred: int


def pair_quotes(text: str, gold: Sequence[dict], pred: Sequence[dict]) -> list[Pair]:
    """One-to-one pairs, greedily by decreasing overlap.

    Ties go to the later gold quote, then the later prediction (the reference
    scorer's order), so that both give the same pairs.
    """
    gold_spans = [content_spans(text, q) for q in gold]
    pred_spans = [content_spans(text, q) for q in pred]
    candidates = []
    for i, g in enumerate(gold_spans):
        for j, p in enumerate(pred_spans):
            overlap = jaccard(g, p)
            if overlap > 0:
                candidates.append(Pair(overlap, i, j))
    candidates.sort(key=lambda c: (c.overlap, c.gold, c.pred), reverse=True)
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    pairs = []
    for c in candidates:
        if c.gold not in taken_gold and c.pred not in taken_pred:
            taken_gold.add(c.gold)
            taken_pred.add(c.pred)
            pairs.append(c)
    return pairs


# --- speakers ---------------------------------------------------------------

def name_words(name: str) -> list[str]:
    """Lower-case ASCII words of a name, without titles (``Mr``, ``Dr`` ...)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"['`]", "", ascii_name.lower())
    return [w for w in re.findall(r"[a-z]+", ascii_name) if w not in NAME_FILLERS]


def same_name(a: str, b: str) -> bool:
    """Whether two names plausibly denote one person (Sergey/Sergei Lavrov, Lavrov)."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    if wa[-1] != wb[-1]:
        return False
    return min(len(wa), len(wb)) == 1 or wa[0][:3] == wb[0][:3]


def _names(value: Any) -> Optional[list]:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def has_speaker(gold: dict) -> bool:
    """Whether a gold quote names or marks a speaker at all."""
    return bool(gold.get("speaker_name") or gold.get("speaker"))


def right_speaker(gold: dict, pred: dict) -> bool:
    """Whether the prediction's speaker is gold's: by names, else by mention overlap."""
    gold_names = _names(gold.get("speaker_name"))
    if gold_names:
        pred_names = _names(pred.get("speaker_name")) or []
        return (len(pred_names) == len(gold_names)
                and all(any(same_name(g, p) for p in pred_names) for g in gold_names)
                and all(any(same_name(p, g) for g in gold_names) for p in pred_names))
    g, p = gold.get("speaker"), pred.get("speaker")
    if not g or not p:
        return False
    return min(g[1], p[1]) > max(g[0], p[0])


def right_quotes(gold: dict, pred: dict) -> list[bool]:
    """Whether each predicted quote of an article is right: its content matches a gold quote at
    Jaccard >= 0.5 and it has gold's speaker (what the joint measure counts)."""
    gq, pq = gold.get("quotes") or [], pred.get("quotes") or []
    right = [False] * len(pq)
    for pair in pair_quotes(gold["text"], gq, pq):
        g = gq[pair.gold]
        if pair.overlap >= SPEAKER_LEVEL and (not has_speaker(g) or right_speaker(g, pq[pair.pred])):
            right[pair.pred] = True
    return right


# --- counting ---------------------------------------------------------------

def prf(found: int, predicted: int, expected: int) -> dict[str, float]:
    """Precision, recall and F1, rounded to 4 places."""
    p = found / predicted if predicted else 0.0
    r = found / expected if expected else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


@dataclass
class Tally:
    """Counts for one group of quotes (all, or one type) over all articles."""

    gold: int = 0
    pred: int = 0
    matched: dict[str, int] = field(default_factory=lambda: {name: 0 for name, _ in LEVELS})
    speakers_judged: int = 0
    speakers_right: int = 0
    joint: int = 0

    def add_article(self, text: str, gold: list[dict], pred: list[dict]) -> None:
        self.gold += len(gold)
        self.pred += len(pred)
        for pair in pair_quotes(text, gold, pred):
            for name, least in LEVELS:
                if pair.overlap >= least:
                    self.matched[name] += 1
            if pair.overlap < SPEAKER_LEVEL:
                continue
            g = gold[pair.gold]
            if not has_speaker(g):
                self.joint += 1
                continue
            ok = right_speaker(g, pred[pair.pred])
            self.speakers_judged += 1
            self.speakers_right += ok
            self.joint += ok

    def row(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold, "pred": self.pred}
        for name, _ in LEVELS:
            out[name] = prf(self.matched[name], self.pred, self.gold)
        out["speaker_accuracy"] = (round(self.speakers_right / self.speakers_judged, 4)
                                   if self.speakers_judged else 0.0)
        out["joint"] = prf(self.joint, self.pred, self.gold)
        return out


def _of_type(quotes: Iterable[dict], group: str, keep: Optional[set[str]]) -> list[dict]:
    return [q for q in quotes
            if (keep is None or q.get("type") in keep) and (group == "all" or q.get("type") == group)]


def score(gold_records: Iterable[dict], pred_records: Iterable[dict],
          types: Optional[Iterable[str]] = None) -> dict[str, Any]:
    """Scores of predictions against gold (plain dicts in the JSONL format).

    ``types`` keeps only quotes of those types, on both sides. Returns
    ``{"articles", "missing_predictions", "all", "direct", "indirect", "mixed"}``;
    raises :class:`ScoreError` when a prediction's text differs from gold's.
    """
    keep = set(types) if types is not None else None
    predictions = {r["id"]: r for r in pred_records}
    tallies = {group: Tally() for group in GROUPS}
    articles = missing = 0
    for gold in gold_records:
        articles += 1
        pred = predictions.get(gold["id"])
        if pred is None:
            missing += 1
            pred = {}
        text = gold["text"]
        if pred.get("text") not in (None, text):
            raise ScoreError(f"prediction for {gold['id']} has a different text")
        for group, tally in tallies.items():
            tally.add_article(text, _of_type(gold.get("quotes") or [], group, keep),
                              _of_type(pred.get("quotes") or [], group, keep))
    result: dict[str, Any] = {"articles": articles, "missing_predictions": missing}
    result.update((group, tally.row()) for group, tally in tallies.items())
    return result


def format_table(result: dict[str, Any]) -> str:
    """The scores as a small text table (F1 at each level, speaker accuracy, joint F1)."""
    lines = [f"articles {result['articles']}  missing predictions {result['missing_predictions']}",
             "{:9} {:>5} {:>5}  {:>10} {:>9} {:>9} {:>11} {:>9}".format(
                 "type", "gold", "pred", "F1 overlap", "F1 j>=.5", "F1 exact", "speaker acc",
                 "joint F1")]
    for group in GROUPS:
        r = result[group]
        lines.append("{:9} {:5} {:5}  {:10.3f} {:9.3f} {:9.3f} {:11.3f} {:9.3f}".format(
            group, r["gold"], r["pred"], r["overlap"]["f1"], r["jaccard50"]["f1"],
            r["exact"]["f1"], r["speaker_accuracy"], r["joint"]["f1"]))
    return "\n".join(lines)


# --- reading ----------------------------------------------------------------

class RecordFileError(ValueError):
    """A gold or prediction file that cannot be scored; the message names file:line."""


def read_records(path: str) -> list[dict]:
    """The records of a gold or prediction JSONL file, checked for what scoring needs."""
    try:
        with open(path, "rb") as f:
            return list(_checked(f, path))
    except OSError as e:
        raise RecordFileError(f"{path}: cannot read: {e.strerror or e}") from None


def _checked(lines: Iterable[bytes], path: str) -> Iterator[dict]:
    for lineno, raw in enumerate(lines, 1):
        where = f"{path}:{lineno}"
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RecordFileError(f"{where}: not UTF-8 text") from None
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise RecordFileError(f"{where}: {json_problem(e)}") from None
        problem = _record_problem(rec)
        if problem:
            raise RecordFileError(f"{where}: {problem}")
        yield rec


def _is_span(x: Any, length: int) -> bool:
    """A ``[start, end]`` pair of ints with 0 <= start <= end <= length."""
    return (isinstance(x, (list, tuple)) and len(x) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in x)
            and 0 <= x[0] <= x[1] <= length)


def _record_problem(rec: Any) -> Optional[str]:
    if not isinstance(rec, dict):
        return "expected a JSON object"
    if not isinstance(rec.get("id"), str):
        return "no string 'id' field"
    if not isinstance(rec.get("text"), str):
        return "no string 'text' field"
    quotes = rec.get("quotes", [])
    if not isinstance(quotes, list):
        return "'quotes' is not a list"
    n_chars = len(rec["text"])
    for n, q in enumerate(quotes, 1):
        if not isinstance(q, dict):
            return f"quote {n} is not an object"
        if not _is_span(q.get("content"), n_chars):
            return f"quote {n}: 'content' is not a [start, end] span within the text"
        parts = q.get("content_parts")
        if parts is not None and not (isinstance(parts, list)
                                      and all(_is_span(p, n_chars) for p in parts)):
            return f"quote {n}: 'content_parts' is not a list of spans within the text"
        if q.get("speaker") is not None and not _is_span(q["speaker"], n_chars):
            return f"quote {n}: 'speaker' is not a [start, end] span within the text"
    return None
