"""spaCy's attribute ruler, the same rules applied by table lookup instead of the Matcher.

The attribute ruler (tag -> POS and morphology, the lemma exceptions, our own
``lemma_fixes``) cost about 12 % of en_core_web_sm's time on news, mostly a
Python call per match and every token matching one to three patterns. Nearly
all of its patterns are one token compared on a few attributes (TAG, LOWER,
DEP, IS_SPACE) by equality or ``IN``/``NOT_IN``: what they set on a token is a
function of those attributes, computed once per distinct combination and kept
in a table. The other patterns (several tokens, regular expressions,
quantifiers) go through a Matcher of their own, as in the ruler.

The result is the ruler's exactly: the ruler matches every pattern on the doc
as it comes in, then applies the matches in pattern order, so for each token
and attribute the pattern of highest number that matches and sets it wins;
the table keeps that number beside each value to merge with the Matcher's
matches.
"""
from __future__ import annotations

from typing import Optional

import numpy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# attributes a one-token pattern may test in the table (read with Doc.to_array)
KEY_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT", "IS_ALPHA",
             "IS_DIGIT", "IS_TITLE", "IS_UPPER", "IS_LOWER", "LIKE_NUM")
SET_OPS = ("IN", "NOT_IN")


class Test:
    """One attribute's test in a pattern: equal to a value, in a set, or not in a set."""

    def __init__(self, op: str, value):
        self.op, self.value = op, value

    def __call__(self, x) -> bool:
        if self.op == "==":
            return x == self.value
        return (x in self.value) == (self.op == "IN")


def _code(vocab, v) -> Optional[int]:
    """A pattern's value as the array holds it: strings by hash, booleans as 0/1."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, str):
        return vocab.strings.add(v)
    return v if isinstance(v, int) else None


def _test(vocab, value) -> Optional[Test]:
    """The test of one attribute's value in a pattern, or None when the table cannot make it."""
    if not isinstance(value, dict):
        c = _code(vocab, value)
        return None if c is None else Test("==", c)
    if len(value) != 1 or next(iter(value)) not in SET_OPS:
        return None
    op, values = next(iter(value.items()))
    codes = {_code(vocab, v) for v in values}
    return None if None in codes else Test(op, codes)


def _one_token(vocab, alternatives: list) -> Optional[list[dict]]:
    """The alternatives of a pattern as {attribute: test} dicts, or None when one is not
    a single token with tests the table can make."""
    out = []
    for pattern in alternatives:
        if len(pattern) != 1:
            return None
        tests = {}
        for key, value in pattern[0].items():
            test = _test(vocab, value) if key in KEY_ATTRS else None
            if test is None:
                return None
            tests[key] = test
        out.append(tests)
    return out


MAX_ROWS = 200_000  # distinct token keys kept in the table (about 30 MB); then it starts again


class TableAttributeRuler(AttributeRuler):
    """An :class:`AttributeRuler` that applies its one-token patterns from a table."""

    def _plan(self):
        """(key attribute ids, their names, table patterns, Matcher of the others, set
        attribute ids), from the patterns; built again whenever patterns are added."""
        if getattr(self, "_planned", None) == len(self.attrs):
            return self._plan_cache
        table, rest = [], Matcher(self.vocab)
        for i, p in enumerate(self.patterns):
            tests = _one_token(self.vocab, p["patterns"]) if p["index"] in (0, -1) else None
            if tests is None or "_" in self.attrs[i]:
                rest.add(str(i), p["patterns"])
            else:
                table.extend((i, alt) for alt in tests)
        keys = sorted({k for _, tests in table for k in tests})
        sets = sorted({a for attrs in self.attrs for a in attrs if a != "_"})
        # each alternative filed under one of its equality tests, so that a token is
        # tested only against the patterns that can match it
        buckets: dict = {}
        for i, tests in table:
            eq = [(k, tests[k].value) for k in keys if k in tests and tests[k].op == "=="]
            buckets.setdefault(eq[0] if eq else None, []).append((i, tests))
        table = buckets
        self._plan_cache = ([IDS[k] for k in keys], keys, table, rest, sets)
        self._planned = len(self.attrs)
        self._clear()
        return self._plan_cache

    def _clear(self) -> None:
        n = len(self._plan_cache[4])
        self._rows: dict[tuple, int] = {}
        # per row, per set attribute: the number of the pattern that sets it (-1: none), its value
        self._won = numpy.full((1024, n), -1, dtype=numpy.int64)
        self._vals = numpy.zeros((1024, n), dtype=numpy.uint64)

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._planned = None

    def _row(self, key: tuple, names: list[str], table, sets: list[int]) -> int:
        """The table's row for a token with ``key``: which attributes the one-token
        patterns set on it (for each, the value of the matching pattern of highest number)."""
        values = dict(zip(names, key))
        r = len(self._rows)
        if r == len(self._won):  # room for as many rows again
            self._won = numpy.concatenate([self._won, numpy.full_like(self._won, -1)])
            self._vals = numpy.concatenate([self._vals, numpy.zeros_like(self._vals)])
        won, vals = self._won[r], self._vals[r]
        candidates = [*table.get(None, ()), *(c for k, v in values.items() for c in table.get((k, v), ()))]
        for i in sorted({i for i, tests in candidates if all(test(values[k]) for k, test in tests.items())}):
                for attr, value in self.attrs[i].items():
                    won[sets.index(attr)], vals[sets.index(attr)] = i, value
        self._rows[key] = r
        return r

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        key_ids, names, table, rest, sets = self._plan()
        if len(self._rows) + len(doc) > MAX_ROWS:
            self._clear()
        keys = list(map(tuple, doc.to_array(key_ids).tolist()))
        index = [self._rows.get(key) for key in keys]
        if None in index:
            index = [self._rows[key] if key in self._rows else self._row(key, names, table, sets) for key in keys]
        won, vals = self._won[index], self._vals[index]
        array = numpy.where(won >= 0, vals, doc.to_array(sets))
        if len(rest):  # the other patterns: a match wins where its pattern's number is higher
            for match_id, start, end in rest(doc, allow_missing=True, as_spans=False):
                i = int(self.vocab.strings[match_id])
                at = (start if self.indices[i] >= 0 else end) + self.indices[i]
                if not start <= at < end:
                    raise ValueError(f"attribute ruler: pattern {i} has no token {self.indices[i]} "
                                     f"in '{doc[start:end]}'")
                for attr, value in self.attrs[i].items():
                    col = sets.index(attr)
                    if won[at, col] <= i:
                        array[at, col], won[at, col] = value, i
        doc.from_array(sets, array)
        return doc


@Language.factory("table_attribute_ruler", default_config={"validate": False})
def make_table_attribute_ruler(nlp: Language, name: str, validate: bool) -> TableAttributeRuler:
    return TableAttributeRuler(nlp.vocab, name, validate=validate)


def use_table(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace ``nlp``'s attribute ruler by a :class:`TableAttributeRuler` with its patterns."""
    old = nlp.get_pipe(name)
    if isinstance(old, TableAttributeRuler):
        return
    patterns = old.patterns
    new = nlp.replace_pipe(name, "table_attribute_ruler")
    new.add_patterns(patterns)
