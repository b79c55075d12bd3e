"""Storing the graph layer of a record (to whom, about what, events, claims) and reading it back.

:func:`write_graph` is called by the ingest for each record it writes,
:func:`delete_graph` when an article goes, :func:`read_graph` by the record
export. The tables are in :mod:`.graph_schema`.

Claims across the corpus: each article claim is matched to a corpus claim by
its normalised proposition (:func:`.claim_keys.claim_key`: lower case, no punctuation,
stop words or negations, Snowball stems (:mod:`quotegraph.stems`, as the extraction's claim
matcher), words sorted), the same key or a
close one (rapidfuzz ``token_set_ratio`` >= 90 with half the words shared and the same numbers, or
the extraction's own :func:`quotegraph.claims.same_claim` on the closest keys, numbers equal), else
it starts a new one. The user's corrections (:func:`add_fix`) are kept in
``claim_fixes`` and applied again whenever the article is ingested again.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterable, Optional

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, and_, delete, false, insert, or_, select, update

from ..record import Record
from .claim_keys import claim_key
from .db import now
from .graph_schema import (claim_fixes, claim_members, claims, corpus_claim_members, corpus_claims,
                           event_parties, events, quote_about, quote_addressees, quote_keywords)
from .people import name_key
from .schema import mentions, person_names, quotes

STANCES = ("asserts", "denies")
PER_ARTICLE = [quote_addressees, quote_about, quote_keywords, events, event_parties, claims,
               claim_members, corpus_claim_members]

# --- claim matching ----------------------------------------------------------------------------

MATCH_RATIO = 90  # rapidfuzz token_set_ratio of two keys
MATCH_SHARED = 0.5  # and at least this share of the longer key's words in both
CANDIDATE_RATIO = 50  # keys this close are checked with the extraction's matcher too


def _numbers(key: str) -> set[str]:
    return {w for w in key.split() if w.isdigit()}


def keys_match(a: str, b: str) -> bool:
    """Do two claim keys state the same proposition?"""
    if a == b:
        return bool(a)
    wa, wb = set(a.split()), set(b.split())
    if not wa or not wb:
        return False
    if _numbers(a) != _numbers(b):
        return False  # "plan 5" is not "plan 50", however alike the rest
    shared = len(wa & wb) / max(len(wa), len(wb))
    return shared >= MATCH_SHARED and fuzz.token_set_ratio(a, b) >= MATCH_RATIO


class ClaimIndex:
    """The corpus claims, for matching an article's claims: by key, else among the closest keys
    (rapidfuzz) by the extraction's own matcher (:func:`quotegraph.claims.same_claim`) with the
    same numbers.

    Read once, when first needed; an ingest keeps its index from one write transaction to the
    next (:meth:`bind`), reading then only the claims stored since (corpus claims are never
    deleted, and writers take turns: see ``Store.begin``, so a claim stored by another writer
    has a higher id than every claim read before)."""

    def __init__(self, conn: Optional[Connection] = None):
        self.conn = conn
        self._ids: dict[str, int] = {}  # key -> the id of its first corpus claim
        self._keys: list[str] = []  # the keys of ``_ids`` in order, for rapidfuzz
        self._texts: dict[str, str] = {}
        self._last_id = 0  # the highest corpus claim id read or made
        self._made: list[str] = []  # keys of the claims made here (:meth:`get`), in order
        self._stale = True  # claims may have been stored since ``_last_id`` was read
        self._fixes: Optional[bool] = None

    def bind(self, conn: Connection) -> "ClaimIndex":
        """This index, in the (new) transaction of ``conn``."""
        self.conn, self._stale, self._fixes = conn, True, None
        return self

    def any_fixes(self) -> bool:
        """Has any user correction been stored (else there is none to apply)?"""
        if self._fixes is None:
            self._fixes = self.conn.execute(select(claim_fixes.c.id).limit(1)).first() is not None
        return self._fixes

    def _load(self) -> dict[str, int]:
        if self._stale:
            self._stale = False
            for cid, key, text in self.conn.execute(
                    select(corpus_claims.c.id, corpus_claims.c.key, corpus_claims.c.claim)
                    .where(corpus_claims.c.id > self._last_id).order_by(corpus_claims.c.id)):
                self._add(key, cid, text)
        return self._ids

    def _add(self, key: str, cid: int, text: str) -> None:
        self._last_id = max(self._last_id, cid)
        if key not in self._ids:
            self._ids[key], self._texts[key] = cid, text
            self._keys.append(key)

    def mark(self) -> int:
        """A point to go back to with :meth:`rollback_to` (before a savepoint)."""
        return len(self._made)

    def rollback_to(self, mark: int) -> None:
        """Forget the claims made since ``mark``: their savepoint was rolled back."""
        gone = set(self._made[mark:])
        if gone:
            for key in gone:
                del self._ids[key], self._texts[key]
            self._keys = [k for k in self._keys if k not in gone]
            del self._made[mark:]

    def find(self, key: str, text: Optional[str] = None) -> Optional[int]:
        ids = self._load()
        if key in ids:
            return ids[key]
        if not key:
            return None
        from ..claims import same_claim  # the extraction's matcher (imports spaCy: only when needed)
        for other, _score, _ in process.extract(key, self._keys, scorer=fuzz.token_set_ratio,
                                                score_cutoff=CANDIDATE_RATIO, limit=10):
            if keys_match(key, other) or (text is not None and _numbers(key) == _numbers(other)
                                          and same_claim(text, self._texts[other])):
                return ids[other]
        return None

    def get(self, text: str, key: Optional[str] = None) -> int:
        """The corpus claim of this text (or key): found, else made."""
        key = claim_key(text) if key is None else key
        cid = self.find(key, text)
        if cid is None:
            cid = self.conn.execute(insert(corpus_claims).values(claim=text, key=key)
                                    .returning(corpus_claims.c.id)).scalar_one()
            self._add(key, cid, text)
            self._made.append(key)
        return cid


# --- writing -------------------------------------------------------------------------------------

_key = lru_cache(maxsize=1 << 16)(name_key)  # the graph's names repeat across a corpus


class _People:
    """The article's people (not groups) by name and by name key: the first of each."""

    def __init__(self, record: Record):
        self.people = record.people
        self.by_name: dict[str, int] = {}
        self.by_key: dict[str, int] = {}
        for i, p in enumerate(record.people):
            if p.kind != "group":
                self.by_name.setdefault(p.name, i)
                self.by_key.setdefault(_key(p.name), i)

    def index(self, name: Optional[str], hint: Optional[int] = None) -> Optional[int]:
        """The index of the article's person (or organisation) of this name, if any."""
        if not isinstance(name, str):
            return None
        if hint is not None and 0 <= hint < len(self.people) and _key(self.people[hint].name) == _key(name):
            return hint
        found = self.by_name.get(name)
        return found if found is not None else self.by_key.get(_key(name))


def _addressee_rows(people: _People, article_id: str, idx: int, q) -> list[dict[str, Any]]:
    a, aid = q.addressee_name, q.addressee_id
    if a is None and aid is None:
        return []
    if isinstance(a, dict):
        only = list(a) == ["audience"] and isinstance(a["audience"], str)
        shape, names = ("audience", [a["audience"]]) if only else ("json", [json.dumps(a)])
    elif isinstance(a, list):
        shape, names = "list", list(a)
    elif isinstance(a, str):
        shape, names = "name", [a]
    else:
        shape, names = "none", [None]
    rows = []
    for pos, name in enumerate(names):
        pi = None
        if shape in ("name", "list"):
            pi = people.index(name, aid if shape == "name" else None)
        rows.append({"article_id": article_id, "quote_idx": idx, "pos": pos, "shape": shape,
                     "name": name, "name_key": _key(name) if shape != "none" else None,
                     "person_index": pi, "addressee_id": aid})
    return rows


def _names(people: _People, names: Iterable[str], **fixed) -> list[dict[str, Any]]:
    return [dict(fixed, pos=pos, name=n, name_key=_key(n), person_index=people.index(n))
            for pos, n in enumerate(names)]


def write_graph(conn: Connection, record: Record, date: Optional[str],
                index: Optional[ClaimIndex] = None) -> None:
    """Insert the graph layer of one record (its article row is written already)."""
    aid, text = record.id, record.text
    people = _People(record)
    addressees, about, keywords = [], [], []
    for i, q in enumerate(record.quotes):
        if q.addressee_name is not None or q.addressee_id is not None:
            addressees += _addressee_rows(people, aid, i, q)
        if q.about:
            about += _names(people, q.about, article_id=aid, quote_idx=i)
        keywords += [{"article_id": aid, "quote_idx": i, "pos": pos, "keyword": k}
                     for pos, k in enumerate(q.keywords)]
    ev_rows, parties = [], []
    for i, e in enumerate(record.events):
        s, t = e.evidence if e.evidence else (None, None)
        ev_rows.append({"article_id": aid, "idx": i, "type": e.type, "mode": e.mode, "date": date,
                        "evidence_start": s, "evidence_end": t,
                        "evidence": text[s:t] if s is not None else None, "reported_by": e.reported_by})
        parties += _names(people, e.actor, article_id=aid, event_idx=i, role="actor")
        parties += _names(people, e.recipient, article_id=aid, event_idx=i, role="recipient")
    for table, rows in ((quote_addressees, addressees), (quote_about, about),
                        (quote_keywords, keywords), (events, ev_rows), (event_parties, parties)):
        if rows:
            conn.execute(insert(table), rows)
    index = index or ClaimIndex(conn)
    if record.claims:
        _write_claims(conn, record, index)
    _apply_fixes(conn, record, index)


def _write_claims(conn: Connection, record: Record, index: ClaimIndex) -> None:
    aid = record.id
    claim_rows, member_rows, corpus_rows = [], [], {}
    for ci, c in enumerate(record.claims):
        cid = index.get(c.claim)
        claim_rows.append({"article_id": aid, "idx": ci, "claim": c.claim, "corpus_claim_id": cid})
        for pos, m in enumerate(c.members):
            extra = {k: v for k, v in m.items() if k not in ("quote", "stance")}
            qi, stance = m.get("quote"), m.get("stance")
            member_rows.append({"article_id": aid, "claim_idx": ci, "pos": pos, "quote_idx": qi,
                                "stance": stance, "extra": json.dumps(extra) if extra else None})
            if isinstance(qi, int) and 0 <= qi < len(record.quotes):
                corpus_rows[(cid, qi)] = {"corpus_claim_id": cid, "article_id": aid, "quote_idx": qi,
                                          "stance": stance if stance in STANCES else "asserts",
                                          "fixed": False}
    conn.execute(insert(claims), claim_rows)
    if member_rows:
        conn.execute(insert(claim_members), member_rows)
    if corpus_rows:
        conn.execute(insert(corpus_claim_members), list(corpus_rows.values()))


def delete_graph(conn: Connection, article_id: str) -> None:
    """Remove an article's graph rows (its corrections stay, in ``claim_fixes``)."""
    for table in PER_ARTICLE:
        conn.execute(delete(table).where(table.c.article_id == article_id))


# --- corrections --------------------------------------------------------------------------------

class FixError(ValueError):
    pass


def add_fix(conn: Connection, article_id: str, quote_idx: int, *, to_claim: Optional[int] = None,
            new_claim: Optional[str] = None, stance: Optional[str] = None,
            from_claim: Optional[int] = None, remove: bool = False) -> dict[str, Any]:
    """Record a correction of one quote's claims and apply it now; returns what was stored.

    ``to_claim`` (a corpus claim id) or ``new_claim`` (a text): move the quote there (out of
    ``from_claim``, else out of every claim); ``stance`` alone: change its stance where it is;
    ``remove``: take it out of ``from_claim`` (else of every claim).
    """
    q = conn.execute(select(quotes.c.content_start, quotes.c.content_end, quotes.c.content).where(
        quotes.c.article_id == article_id, quotes.c.idx == quote_idx)).first()
    if q is None:
        raise FixError(f"{article_id}: no quote #{quote_idx} in this article")
    if stance is not None and stance not in STANCES:
        raise FixError(f"unknown stance '{stance}' (choose from {', '.join(STANCES)})")

    def key_of(cid: int) -> tuple[str, str]:
        row = conn.execute(select(corpus_claims.c.key, corpus_claims.c.claim)
                           .where(corpus_claims.c.id == cid)).first()
        if row is None:
            raise FixError(f"no claim #{cid}")
        return row.key, row.claim

    from_key = key_of(from_claim)[0] if from_claim is not None else None
    to_key = to_text = None
    if to_claim is not None:
        to_key, to_text = key_of(to_claim)
    elif new_claim is not None:
        if not claim_key(new_claim):
            raise FixError("the new claim has no words to match it by")
        to_key, to_text = claim_key(new_claim), new_claim.strip()
    elif not remove:
        if stance is None:
            raise FixError("nothing to change: give a claim to move it to, a stance, or remove")
        current = conn.execute(select(corpus_claims.c.key, corpus_claims.c.claim).join(
            corpus_claim_members, corpus_claim_members.c.corpus_claim_id == corpus_claims.c.id).where(
            corpus_claim_members.c.article_id == article_id,
            corpus_claim_members.c.quote_idx == quote_idx,
            *([corpus_claims.c.key == from_key] if from_key else []))).all()
        if len(current) != 1:
            raise FixError(f"{article_id} #{quote_idx} is in {len(current)} claims: name one with --claim")
        from_key = to_key = current[0].key
        to_text = current[0].claim
    row = {"article_id": article_id, "content_start": q.content_start, "content_end": q.content_end,
           "content": q.content, "from_key": from_key, "to_key": to_key, "to_claim": to_text,
           "stance": stance, "created_at": now()}
    fid = conn.execute(insert(claim_fixes).values(**row).returning(claim_fixes.c.id)).scalar_one()
    _apply(conn, ClaimIndex(conn), article_id, quote_idx, row)
    return dict(row, id=fid, quote_idx=quote_idx)


def _apply_fixes(conn: Connection, record: Record, index: Optional[ClaimIndex]) -> None:
    index = index or ClaimIndex(conn)
    if not index.any_fixes():
        return
    fixes = conn.execute(select(claim_fixes).where(claim_fixes.c.article_id == record.id)
                         .order_by(claim_fixes.c.id)).all()
    if not fixes:
        return
    by_span = {}
    for i, q in enumerate(record.quotes):
        by_span.setdefault((q.content[0], q.content[1]), i)
    for f in fixes:
        qi = by_span.get((f.content_start, f.content_end))
        if qi is not None:  # a quote no longer extracted: the correction waits
            _apply(conn, index, record.id, qi, f._mapping)


def _apply(conn: Connection, index: ClaimIndex, article_id: str, qi: int, f) -> None:
    m = corpus_claim_members
    where = [m.c.article_id == article_id, m.c.quote_idx == qi]
    if f["from_key"] is not None:
        where.append(m.c.corpus_claim_id.in_(select(corpus_claims.c.id).where(
            corpus_claims.c.key == f["from_key"])))
    old = conn.execute(select(m.c.stance).where(*where)).scalars().first()
    conn.execute(delete(m).where(*where))
    if f["to_key"] is None:
        return
    cid = index.get(f["to_claim"] or f["to_key"], f["to_key"])
    stance = f["stance"] or old or "asserts"
    done = conn.execute(update(m).where(m.c.corpus_claim_id == cid, m.c.article_id == article_id,
                                        m.c.quote_idx == qi).values(stance=stance, fixed=True))
    if not done.rowcount:
        conn.execute(insert(m).values(corpus_claim_id=cid, article_id=article_id, quote_idx=qi,
                                      stance=stance, fixed=True))


# --- conditions for the queries ----------------------------------------------------------------

def name_condition(t, person_ids: list[int], key: str):
    """Rows of graph table ``t`` naming one of these corpus people (through the article's
    ``mentions``, or a name form of theirs), or this name key."""
    conds = [t.c.name_key == key] if key else []
    if person_ids:
        conds.append(select(mentions.c.person_id).where(
            mentions.c.article_id == t.c.article_id, mentions.c.person_index == t.c.person_index,
            mentions.c.person_id.in_(person_ids)).exists())
        conds.append(and_(t.c.person_index.is_(None), t.c.name_key.in_(
            select(person_names.c.key).where(person_names.c.person_id.in_(person_ids)))))
    return or_(*conds) if conds else false()


def quote_named(t, person_ids: list[int], key: str):
    """Quotes with a row in ``t`` (quote_about, quote_addressees) naming one of these people or
    this name key."""
    return select(t.c.quote_idx).where(
        t.c.article_id == quotes.c.article_id, t.c.quote_idx == quotes.c.idx,
        name_condition(t, person_ids, key)).exists()


# --- reading back --------------------------------------------------------------------------------

def read_graph(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The graph layer of these articles as record fields: ``{article_id: {"quotes": {idx:
    fields}, "events": [...], "claims": [...]}}`` (only what they have), as ``Record.to_dict``."""
    out: dict[str, dict[str, Any]] = {}

    def quote(aid: str, qi: int) -> dict[str, Any]:
        return out.setdefault(aid, {}).setdefault("quotes", {}).setdefault(qi, {})

    if not ids:
        return out
    t = quote_addressees
    for r in conn.execute(select(t).where(t.c.article_id.in_(ids))
                          .order_by(t.c.article_id, t.c.quote_idx, t.c.pos)):
        q = quote(r.article_id, r.quote_idx)
        if r.addressee_id is not None:
            q["addressee_id"] = r.addressee_id
        if r.shape == "name":
            q["addressee_name"] = r.name
        elif r.shape == "list":
            q.setdefault("addressee_name", []).append(r.name)
        elif r.shape == "audience":
            q["addressee_name"] = {"audience": r.name}
        elif r.shape == "json":
            q["addressee_name"] = json.loads(r.name)
    for table, field, col in ((quote_about, "about", "name"), (quote_keywords, "keywords", "keyword")):
        for r in conn.execute(select(table.c.article_id, table.c.quote_idx, table.c[col])
                              .where(table.c.article_id.in_(ids))
                              .order_by(table.c.article_id, table.c.quote_idx, table.c.pos)):
            quote(r[0], r[1]).setdefault(field, []).append(r[2])
    parties: dict[tuple[str, int], dict[str, list[str]]] = {}
    for r in conn.execute(select(event_parties).where(event_parties.c.article_id.in_(ids))
                          .order_by(event_parties.c.article_id, event_parties.c.event_idx,
                                    event_parties.c.role, event_parties.c.pos)):
        parties.setdefault((r.article_id, r.event_idx), {}).setdefault(r.role, []).append(r.name)
    for r in conn.execute(select(events).where(events.c.article_id.in_(ids))
                          .order_by(events.c.article_id, events.c.idx)):
        p = parties.get((r.article_id, r.idx), {})
        ev = None if r.evidence_start is None else [r.evidence_start, r.evidence_end]
        out.setdefault(r.article_id, {}).setdefault("events", []).append(
            {"type": r.type, "mode": r.mode, "actor": p.get("actor", []),
             "recipient": p.get("recipient", []), "evidence": ev, "reported_by": r.reported_by})
    members: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in conn.execute(select(claim_members).where(claim_members.c.article_id.in_(ids))
                          .order_by(claim_members.c.article_id, claim_members.c.claim_idx,
                                    claim_members.c.pos)):
        m = {"quote": r.quote_idx, "stance": r.stance}
        m.update(json.loads(r.extra) if r.extra else {})
        members.setdefault((r.article_id, r.claim_idx), []).append(m)
    for r in conn.execute(select(claims).where(claims.c.article_id.in_(ids))
                          .order_by(claims.c.article_id, claims.c.idx)):
        out.setdefault(r.article_id, {}).setdefault("claims", []).append(
            {"claim": r.claim, "members": members.get((r.article_id, r.idx), [])})
    return out


def add_graph(rec: dict[str, Any], graph: Optional[dict[str, Any]], positions: list[int]) -> None:
    """Put an article's graph fields (from :func:`read_graph`) into its exported record, whose
    quotes have these ``idx`` (a quote removed by a correction leaves a gap)."""
    if not graph:
        return
    where = {idx: i for i, idx in enumerate(positions)}
    for qi, fields in graph.get("quotes", {}).items():
        if qi in where:
            rec["quotes"][where[qi]].update(fields)
    for key in ("events", "claims"):
        if graph.get(key):
            rec[key] = graph[key]
