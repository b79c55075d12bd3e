"""Questions to the graph layer of the store: events, claims, a person's ties, the network.

Plain functions on a :class:`~quotegraph.store.db.Store` returning JSON-ready
data, like :mod:`.query`. A name of the graph (addressee, about, event party)
is a corpus person when it is one of its article's people (through
``mentions``) or when its key is a known name form (``person_names``); a
network node is then ``p<id>``, else the name itself, ``n:<key>`` (a place, a
state, an audience).
"""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import String, and_, case, cast, func, literal, or_, select, union_all

from .db import Store
from .graph import name_condition, quote_named
from .graph_schema import (corpus_claim_members, corpus_claims, event_parties, events, quote_about,
                           quote_addressees)
from .people import name_key
from .query import _quote_select, date_conditions
from .schema import articles, mentions, people, person_names, quotes

# Modes that say the act did not (yet) happen: listed, never counted as acts.
NOT_ACTS = ("hypothetical", "future", "negated", "conditional", "denied")
# How an act reads from either side on a person's page and in the network.
ACT_VERBS = {"ACCUSE": ("accused", "accused by"), "CONSULT": ("met", "met"),
             "THREATEN": ("warned", "warned by"), "REQUEST": ("asked", "asked by"),
             "REJECT": ("rejected", "rejected by"), "SANCTION": ("sanctioned", "sanctioned by"),
             "SUPPORT": ("supported", "supported by"), "PROTEST": ("protested against", "protested by"),
             "ASSAULT": ("attacked", "attacked by"), "COERCE": ("coerced", "coerced by")}
EDGE_KINDS = ("said_to", "spoke_about", "accused", "met")


def _verb(etype: str, actor: bool) -> str:
    pair = ACT_VERBS.get(etype, (etype.lower(), etype.lower() + " by"))
    return pair[0] if actor else pair[1]


def resolved(t):
    """(from clause, node id, label, kind, person id) of the names of graph table ``t``."""
    m, pn, p = mentions.alias(), person_names.alias(), people.alias()
    pid = func.coalesce(m.c.person_id, pn.c.person_id)
    frm = (t.outerjoin(m, and_(m.c.article_id == t.c.article_id, m.c.person_index == t.c.person_index))
           .outerjoin(pn, pn.c.key == t.c.name_key).outerjoin(p, p.c.id == pid))
    node = case((pid.is_not(None), literal("p") + cast(pid, String)), else_=literal("n:") + t.c.name_key)
    return frm, node, func.coalesce(p.c.name, t.c.name), func.coalesce(p.c.kind, literal("name")), pid


# --- events ------------------------------------------------------------------------------------

def list_events(store: Store, *, type: Optional[str] = None, person_ids: Optional[list[int]] = None,
                since: Optional[str] = None, until: Optional[str] = None, acts_only: bool = False,
                limit: Optional[int] = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Events, newest first: type, mode, actors, recipients, evidence, who reports it, the article."""
    conds = date_conditions(events.c.date, since, until)
    if type:
        conds.append(events.c.type == type.upper())
    if acts_only:
        conds.append(or_(events.c.mode.is_(None), events.c.mode.not_in(NOT_ACTS)))
    if person_ids is not None:
        ep = event_parties.alias()
        conds.append(select(ep.c.pos).where(
            ep.c.article_id == events.c.article_id, ep.c.event_idx == events.c.idx,
            name_condition(ep, person_ids, "")).exists())
    rq, rp = quotes.alias(), people.alias()
    stmt = (select(events, articles.c.title, articles.c.outlet, articles.c.url,
                   func.coalesce(rp.c.name, rq.c.speaker_name).label("reporter"),
                   rq.c.person_id.label("reporter_id"), rq.c.content.label("reported_in"))
            .select_from(events.join(articles, articles.c.id == events.c.article_id)
                         .outerjoin(rq, and_(rq.c.article_id == events.c.article_id,
                                             rq.c.idx == events.c.reported_by))
                         .outerjoin(rp, rp.c.id == rq.c.person_id))
            .where(*conds).order_by(events.c.date.desc().nulls_last(), events.c.article_id, events.c.idx)
            .limit(limit).offset(offset))
    with store.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
        keys = {(r["article_id"], r["idx"]) for r in rows}
        parties: dict[tuple, dict[str, list]] = {}
        if rows:
            frm, node, label, kind, pid = resolved(event_parties)
            t = event_parties
            for r in conn.execute(select(t.c.article_id, t.c.event_idx, t.c.role, t.c.name, pid.label("pid"))
                                  .select_from(frm)
                                  .where(t.c.article_id.in_({a for a, _ in keys}))
                                  .order_by(t.c.article_id, t.c.event_idx, t.c.role, t.c.pos)):
                if (r.article_id, r.event_idx) in keys:
                    parties.setdefault((r.article_id, r.event_idx), {}).setdefault(r.role, []).append(
                        {"name": r.name, "person_id": r.pid})
    for r in rows:
        p = parties.get((r["article_id"], r["idx"]), {})
        r["actor"], r["recipient"] = p.get("actor", []), p.get("recipient", [])
        r["act"] = r["mode"] not in NOT_ACTS
    return rows


def plover(e: dict[str, Any]) -> dict[str, Any]:
    """An event row as PLOVER-shaped JSON (the PLOVER 2.0 data format's fields, ours under ``source``)."""
    return {"id": f"{e['article_id']}-e{e['idx']}", "date": e["date"], "event": e["type"],
            "mode": e["mode"] or "", "context": [],
            "actor": [p["name"] for p in e["actor"]], "recipient": [p["name"] for p in e["recipient"]],
            "text": e["evidence"] or "",
            "source": {"article_id": e["article_id"], "title": e["title"], "outlet": e["outlet"],
                       "url": e["url"], "evidence": [e["evidence_start"], e["evidence_end"]]
                       if e["evidence_start"] is not None else None,
                       "reported_by": e["reporter"], "reported_in": e["reported_in"],
                       "act": e["act"]}}


# --- claims ------------------------------------------------------------------------------------

def _members(conn, claim_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    cm = corpus_claim_members
    stmt = (select(cm.c.corpus_claim_id, cm.c.article_id, cm.c.quote_idx, cm.c.stance, cm.c.fixed,
                   quotes.c.id.label("quote_id"), quotes.c.person_id, quotes.c.date, quotes.c.content, quotes.c.kind,
                   func.coalesce(people.c.name, quotes.c.speaker_name, quotes.c.speaker_text).label("speaker"))
            .select_from(cm.join(quotes, and_(quotes.c.article_id == cm.c.article_id,
                                              quotes.c.idx == cm.c.quote_idx))
                         .outerjoin(people, people.c.id == quotes.c.person_id))
            .where(cm.c.corpus_claim_id.in_(claim_ids))
            .order_by(cm.c.corpus_claim_id, quotes.c.date.nulls_last(), cm.c.article_id, cm.c.quote_idx))
    out: dict[int, list] = {}
    for r in conn.execute(stmt):
        d = dict(r._mapping)
        out.setdefault(d.pop("corpus_claim_id"), []).append(d)
    return out


def list_claims(store: Store, *, contradictions: bool = False, person_ids: Optional[list[int]] = None,
                contains: Optional[str] = None, limit: Optional[int] = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Corpus claims, most members first, each with its members (speaker, date, quote, stance);
    ``contradictions``: only claims both asserted and denied, with ``asserts`` and ``denies`` sides."""
    cm = corpus_claim_members
    n = func.count().label("size")
    denies = func.sum(case((cm.c.stance == "denies", 1), else_=0)).label("denied")
    stmt = (select(corpus_claims.c.id, corpus_claims.c.claim, n, denies)
            .select_from(corpus_claims.join(cm, cm.c.corpus_claim_id == corpus_claims.c.id)
                         .join(quotes, and_(quotes.c.article_id == cm.c.article_id, quotes.c.idx == cm.c.quote_idx)))
            .group_by(corpus_claims.c.id, corpus_claims.c.claim))
    if contradictions:
        stmt = stmt.having(and_(denies > 0, denies < n))
    if contains:
        stmt = stmt.where(func.lower(corpus_claims.c.claim).contains(contains.lower(), autoescape=True))
    if person_ids is not None:
        q2, m2 = quotes.alias(), cm.alias()
        stmt = stmt.where(select(m2.c.quote_idx).select_from(m2.join(q2, and_(
            q2.c.article_id == m2.c.article_id, q2.c.idx == m2.c.quote_idx))).where(
            m2.c.corpus_claim_id == corpus_claims.c.id, q2.c.person_id.in_(person_ids)).exists())
    stmt = stmt.order_by(n.desc(), corpus_claims.c.id).limit(limit).offset(offset)
    with store.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
        members = _members(conn, [r["id"] for r in rows])
    for r in rows:
        r["members"] = members.get(r["id"], [])
        r["asserts"] = [m for m in r["members"] if m["stance"] == "asserts"]
        r["denies"] = [m for m in r["members"] if m["stance"] == "denies"]
        r["denied"] = len(r["denies"])
        r["contradiction"] = bool(r["asserts"] and r["denies"])
    return rows


def flips(store: Store, *, person_ids: Optional[list[int]] = None,
          limit: Optional[int] = 100) -> list[dict[str, Any]]:
    """A speaker changing stance on a claim over time: each change, with the quote before and after."""
    cm = corpus_claim_members
    stmt = (select(cm.c.corpus_claim_id).select_from(cm.join(quotes, and_(
        quotes.c.article_id == cm.c.article_id, quotes.c.idx == cm.c.quote_idx)))
        .where(quotes.c.person_id.is_not(None))
        .group_by(cm.c.corpus_claim_id, quotes.c.person_id)
        .having(func.count(cm.c.stance.distinct()) > 1))
    if person_ids is not None:
        stmt = stmt.where(quotes.c.person_id.in_(person_ids))
    out = []
    with store.connect() as conn:
        ids = sorted(set(conn.execute(stmt).scalars()))
        texts = dict(conn.execute(select(corpus_claims.c.id, corpus_claims.c.claim)
                                  .where(corpus_claims.c.id.in_(ids))).all())
        members = _members(conn, ids)
    for cid in ids:
        by_person: dict[int, list] = {}
        for m in members.get(cid, []):
            if m["person_id"] is not None and (person_ids is None or m["person_id"] in person_ids):
                by_person.setdefault(m["person_id"], []).append(m)
        for pid, ms in by_person.items():
            for before, after in zip(ms, ms[1:]):  # in date order; undated last
                if before["stance"] != after["stance"] and before["article_id"] != after["article_id"]:
                    out.append({"claim_id": cid, "claim": texts[cid], "person_id": pid,
                                "speaker": after["speaker"], "before": before, "after": after})
    out.sort(key=lambda f: (f["after"]["date"] or "", f["claim_id"]), reverse=True)
    return out[:limit] if limit else out


# --- a person's ties ---------------------------------------------------------------------------

def _ties(conn, t, person_id: int, limit: int, extra=()) -> list[dict[str, Any]]:
    """The names of graph table ``t`` (addressees, about) in a person's quotes, most articles first."""
    frm, node, label, kind, pid = resolved(t)
    n = func.count(t.c.article_id.distinct()).label("articles")
    stmt = (select(node.label("node"), pid.label("person_id"), func.max(label).label("name"),
                   func.max(kind).label("kind"), n, func.count().label("quotes"))
            .select_from(frm.join(quotes, and_(quotes.c.article_id == t.c.article_id,
                                               quotes.c.idx == t.c.quote_idx)))
            .where(quotes.c.person_id == person_id, *extra)
            .group_by(node, pid).order_by(n.desc(), func.max(label)).limit(limit + 1))
    return [dict(r._mapping) for r in conn.execute(stmt)
            if r.person_id != person_id][:limit]


def person_graph(store: Store, person_id: int, limit: int = 15) -> dict[str, Any]:
    """A person's ties: whom they talk to, what they talk about, acts reported by or against them,
    and who disagrees with them (the other side of a claim)."""
    qa = quote_addressees
    with store.connect() as conn:
        out = {"talks_to": _ties(conn, qa, person_id, limit, [qa.c.shape.in_(("name", "list"))]),
               "audiences": _ties(conn, qa, person_id, limit, [qa.c.shape == "audience"]),
               "talks_about": _ties(conn, quote_about, person_id, limit)}
        # acts: the person's side of each event (found from their mentions, or their name forms
        # where a party is none of its article's people), and every other party
        me = event_parties.alias("me")
        mine = union_all(
            select(me.c.article_id, me.c.event_idx, me.c.role, me.c.pos).select_from(
                mentions.join(me, and_(me.c.article_id == mentions.c.article_id,
                                       me.c.person_index == mentions.c.person_index)))
            .where(mentions.c.person_id == person_id),
            select(me.c.article_id, me.c.event_idx, me.c.role, me.c.pos).where(
                me.c.person_index.is_(None), me.c.name_key.in_(
                    select(person_names.c.key).where(person_names.c.person_id == person_id)))).cte("mine")
        other = event_parties.alias("other")
        frm, node, label, kind, pid = resolved(other)
        n = func.count(mine.c.article_id.distinct()).label("articles")
        stmt = (select(events.c.type, mine.c.role.label("my_role"), other.c.role.label("their_role"),
                       node.label("node"), pid.label("person_id"), func.max(label).label("name"), n)
                .select_from(mine.join(frm, and_(other.c.article_id == mine.c.article_id,
                                                 other.c.event_idx == mine.c.event_idx))
                             .join(events, and_(events.c.article_id == mine.c.article_id,
                                                events.c.idx == mine.c.event_idx)))
                .where(or_(events.c.mode.is_(None), events.c.mode.not_in(NOT_ACTS)),
                       or_(other.c.role != mine.c.role, other.c.pos != mine.c.pos))
                .group_by(events.c.type, mine.c.role, other.c.role, node, pid)
                .order_by(n.desc(), func.max(label)))
        acts = []
        for r in conn.execute(stmt):
            if r.person_id == person_id or r.my_role == r.their_role and r.type != "CONSULT":
                continue
            acts.append({"type": r.type, "verb": _verb(r.type, r.my_role == "actor"), "node": r.node,
                         "person_id": r.person_id, "name": r.name, "articles": r.articles})
        out["acts"] = acts[:limit * 2]
        # disagreements: the other side of the same corpus claim
        mine, theirs = corpus_claim_members.alias("mine"), corpus_claim_members.alias("theirs")
        q1, q2 = quotes.alias("q1"), quotes.alias("q2")
        n = func.count(mine.c.corpus_claim_id.distinct()).label("claims")
        stmt = (select(q2.c.person_id, people.c.name, n, func.min(corpus_claims.c.claim).label("claim"))
                .select_from(mine.join(q1, and_(q1.c.article_id == mine.c.article_id, q1.c.idx == mine.c.quote_idx))
                             .join(theirs, and_(theirs.c.corpus_claim_id == mine.c.corpus_claim_id,
                                                theirs.c.stance != mine.c.stance))
                             .join(q2, and_(q2.c.article_id == theirs.c.article_id, q2.c.idx == theirs.c.quote_idx))
                             .join(people, people.c.id == q2.c.person_id)
                             .join(corpus_claims, corpus_claims.c.id == mine.c.corpus_claim_id))
                .where(q1.c.person_id == person_id, q2.c.person_id != person_id)
                .group_by(q2.c.person_id, people.c.name).order_by(n.desc(), people.c.name).limit(limit))
        out["disagrees_with"] = [dict(r._mapping) for r in conn.execute(stmt)]
    return out


# --- the network ---------------------------------------------------------------------------------

def _edge_selects(since: Optional[str], until: Optional[str], kinds: tuple[str, ...]):
    """One SELECT per edge kind: (kind, src, src_label, src_kind, dst, dst_label, dst_kind, article)."""
    sp = people.alias("sp")
    parts = []
    for kind, t, extra in (("said_to", quote_addressees, [quote_addressees.c.shape.in_(("name", "list"))]),
                           ("spoke_about", quote_about, [])):
        if kind not in kinds:
            continue
        frm, node, label, nkind, _pid = resolved(t)
        parts.append(select(literal(kind).label("kind"), (literal("p") + cast(quotes.c.person_id, String)).label("src"),
                            sp.c.name.label("src_label"), sp.c.kind.label("src_kind"), node.label("dst"),
                            label.label("dst_label"), nkind.label("dst_kind"), t.c.article_id.label("article_id"))
                     .select_from(frm.join(quotes, and_(quotes.c.article_id == t.c.article_id,
                                                        quotes.c.idx == t.c.quote_idx))
                                  .join(sp, sp.c.id == quotes.c.person_id))
                     .where(*extra, *date_conditions(quotes.c.date, since, until)))
    for kind, etype, a_role, b_role in (("accused", "ACCUSE", "actor", "recipient"),
                                        ("met", "CONSULT", "actor", "actor")):
        if kind not in kinds:
            continue
        a, b = event_parties.alias(f"{kind}_a"), event_parties.alias(f"{kind}_b")
        fa, na, la, ka, _ = resolved(a)
        fb, nb, lb, kb, _ = resolved(b)
        cond = [a.c.role == a_role, b.c.role == b_role, events.c.type == etype,
                or_(events.c.mode.is_(None), events.c.mode.not_in(NOT_ACTS)),
                *date_conditions(events.c.date, since, until)]
        if a_role == b_role:
            cond.append(a.c.pos < b.c.pos)
        parts.append(select(literal(kind).label("kind"), na.label("src"), la.label("src_label"),
                            ka.label("src_kind"), nb.label("dst"), lb.label("dst_label"),
                            kb.label("dst_kind"), a.c.article_id.label("article_id"))
                     .select_from(fa.join(events, and_(events.c.article_id == a.c.article_id,
                                                       events.c.idx == a.c.event_idx))
                                  .join(fb, and_(b.c.article_id == a.c.article_id, b.c.event_idx == a.c.event_idx)))
                     .where(*cond))
    return parts


def network(store: Store, *, max_nodes: int = 60, kinds: tuple[str, ...] = EDGE_KINDS,
            since: Optional[str] = None, until: Optional[str] = None,
            names: bool = True) -> dict[str, Any]:
    """People and organisations (and, with ``names``, other named things such as states) with
    their edges (said_to, spoke_about, accused, met), weight = number of articles; the
    ``max_nodes`` heaviest nodes and the edges among them. Aggregated in SQL."""
    parts = _edge_selects(since, until, kinds)
    if not parts:
        return {"nodes": [], "edges": [], "total_nodes": 0, "total_edges": 0}
    u = union_all(*parts).subquery()
    stmt = (select(u.c.kind, u.c.src, u.c.dst, func.max(u.c.src_label), func.max(u.c.src_kind),
                   func.max(u.c.dst_label), func.max(u.c.dst_kind), func.count(u.c.article_id.distinct()))
            .where(u.c.src != u.c.dst).group_by(u.c.kind, u.c.src, u.c.dst))
    with store.connect() as conn:
        rows = conn.execute(stmt).all()
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple, int] = {}
    for kind, src, dst, sl, sk, dl, dk, n in rows:
        if not names and (src.startswith("n:") or dst.startswith("n:")):
            continue
        if kind == "met" and dst < src:
            src, dst, sl, sk, dl, dk = dst, src, dl, dk, sl, sk
        for node, label, k in ((src, sl, sk), (dst, dl, dk)):
            nd = nodes.setdefault(node, {"id": node, "label": label, "kind": k, "weight": 0,
                                         "person_id": int(node[1:]) if node.startswith("p") else None})
            nd["weight"] += n
        edges[(kind, src, dst)] = edges.get((kind, src, dst), 0) + n
    keep = sorted(nodes.values(), key=lambda d: (-d["weight"], d["label"] or ""))[:max_nodes]
    kept = {d["id"] for d in keep}
    out_edges = [{"source": s, "target": d, "kind": k, "weight": w}
                 for (k, s, d), w in sorted(edges.items(), key=lambda e: (-e[1], e[0]))
                 if s in kept and d in kept]
    return {"nodes": keep, "edges": out_edges, "total_nodes": len(nodes), "total_edges": len(edges)}


def edge_quotes(store: Store, kind: str, source: str, target: str, limit: int = 50) -> list[dict[str, Any]]:
    """The quotes (said_to, spoke_about) or event evidence (accused, met) behind one edge."""
    def ids(node: str) -> tuple[list[int], str]:
        return ([int(node[1:])], "") if node.startswith("p") else ([], node[2:])

    (sids, skey), (dids, dkey) = ids(source), ids(target)
    with store.connect() as conn:
        if kind in ("said_to", "spoke_about"):
            t = quote_addressees if kind == "said_to" else quote_about
            stmt = (_quote_select().where(quotes.c.person_id.in_(sids), quote_named(t, dids, dkey))
                    .order_by(quotes.c.date.desc().nulls_last(), quotes.c.article_id, quotes.c.idx).limit(limit))
            return [dict(r._mapping) for r in conn.execute(stmt)]
    etype = {"accused": "ACCUSE", "met": "CONSULT"}.get(kind)
    if etype is None:
        return []
    rows = list_events(store, type=etype, person_ids=sids or None, acts_only=True, limit=None)
    out = []
    for e in rows:
        names = {("p" + str(p["person_id"])) if p["person_id"] is not None else "n:" + name_key(p["name"])
                 for p in e["actor"] + e["recipient"]}
        if source in names and target in names:
            out.append(e)
    return out[:limit]



def name_of_key(store: Store, key: str) -> str:
    """A name as written for a name key of the graph (the key itself when none is stored)."""
    with store.connect() as conn:
        for t in (quote_about, event_parties, quote_addressees):
            name = conn.execute(select(t.c.name).where(t.c.name_key == key).limit(1)).scalar()
            if name:
                return name
    return key
