"""Confidence as a probability: the share of quotes like this one that are right.

A quote is *right* when its content matches a gold quote at Jaccard >= 0.5 and
its speaker is gold's (the joint measure of ``evaluate``). Quotes are put in
cells by what the extractor knows of them (:func:`cell`): the type, how the
speaker was found (a name, a pronoun, a description, a mention left unnamed, no
mention) and the rule's own score. ``data/calibration.tsv`` holds, per cell,
how many quotes of PolNeAR dev fell in it and how many of them were right (it is
refitted by ``benchmarks/calibrate.py``); the confidence is that share,
smoothed towards the share of the coarser cell (type and speaker) when a cell
holds few quotes.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .lexicons import data_lines
from .record import Quote

PRONOUNS = {"he", "she", "they", "him", "her", "them", "i", "we", "it", "you", "both", "which", "who"}
PRIOR = 20  # quotes' worth of weight the coarser cell's share gets


def speaker_class(quote: Quote) -> str:
    """How the speaker was found: name | pronoun | description | unnamed | none."""
    if quote.speaker is None:
        return "none"
    if not quote.speaker_name:
        return "unnamed"
    text = (quote.speaker_text or "").strip()
    if text.lower() in PRONOUNS:
        return "pronoun"
    names = quote.speaker_name if isinstance(quote.speaker_name, list) else [quote.speaker_name]
    words = {w.strip(".,’'").lower() for w in text.split()}
    if any(n.split()[-1].lower() in words for n in names if n.split()):
        return "name"
    return "description"


def cell(quote: Quote, rule_confidence: float) -> str:
    """The cell of a quote: ``type|speaker class|rule score`` (one decimal)."""
    return f"{quote.type}|{speaker_class(quote)}|{rule_confidence:.1f}"


def summed(cells: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Cell -> (right, total), with each coarser cell (``type|speaker class``, ``type``) summed in."""
    out: dict[str, tuple[int, int]] = {}
    for key, (right, total) in cells.items():
        parts = key.split("|")
        for k in ("|".join(parts[:n]) for n in range(1, len(parts) + 1)):
            r, t = out.get(k, (0, 0))
            out[k] = (r + right, t + total)
    return out


@lru_cache(maxsize=None)
def table() -> dict[str, tuple[int, int]]:
    """The counts of ``data/calibration.tsv``, :func:`summed`."""
    cells = {}
    for line in data_lines("calibration.tsv"):
        key, right, total = line.split("\t")
        cells[key] = (int(right), int(total))
    return summed(cells)


def calibrated(key: str, default: float, counts: Optional[dict[str, tuple[int, int]]] = None) -> float:
    """The probability that a quote of this cell is right; ``default`` for a type never seen.
    ``counts``: another table than the data file's (:func:`summed` cells)."""
    counts = table() if counts is None else counts
    parts = key.split("|")
    share: Optional[float] = None
    for n in range(1, len(parts) + 1):  # from the type down to the full cell, each smoothed by the last
        right, total = counts.get("|".join(parts[:n]), (0, 0))
        if share is None:
            share = (right + 1) / (total + 2) if total else None
            if share is None:
                return default
            continue
        share = (right + PRIOR * share) / (total + PRIOR)
    return round(share, 2)


def calibration_table(stated: list[tuple[float, bool]]) -> str:
    """Bins of stated confidence (quotes, mean stated, share right), and the quotes at >= 0.8."""
    bins = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.01)]
    lines = [f"{'stated':<10} {'quotes':>7} {'mean stated':>12} {'observed':>9}"]
    for lo, hi in bins:
        inside = [(c, ok) for c, ok in stated if lo <= c < hi]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            obs = sum(ok for _, ok in inside) / len(inside)
            lines.append(f"{lo:.1f}-{min(hi, 1.0):.1f}{'':<3} {len(inside):>7} {mean:>12.3f} {obs:>9.3f}")
    high = [ok for c, ok in stated if c >= 0.8]
    if high:
        lines.append(f"confidence >= 0.8: {len(high)} quotes, {sum(high) / len(high):.3f} right")
    return "\n".join(lines)
