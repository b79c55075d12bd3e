"""The graph layer in the store: addressees, about, keywords, events, claims; round trip, corpus
claims across articles, the user's corrections surviving a re-ingest."""
from __future__ import annotations

from sqlalchemy import func, select

from quotegraph.record import Claim, Event
from quotegraph.store.export import iter_article_records
from quotegraph.store.graph import add_fix, claim_key, keys_match
from quotegraph.store.graph_schema import (corpus_claim_members, corpus_claims, event_parties,
                                           quote_about, quote_addressees)
from quotegraph.store.schema import mentions

from .helpers import Given, make_record, put


def graph_record(id: str = "g1", date: str = "2024-03-01", denier: str = "Omar Vance"):
    """Ann Lee and Omar Vance on the dam, with the graph layer filled by hand."""
    rec = make_record(id, [
        ("Ann Lee", "The dam leaks and Brook Council knew it."),
        (denier, "The dam does not leak."),
        ("Ann Lee", "We met the council on Monday."),
    ], meta={"date": date, "outlet": "Gazette"}, extra_people=["Brook Council"],
        kinds={"Brook Council": "organisation"})
    q = rec.quotes
    q[0].addressee_name, q[0].addressee_id = {"audience": "reporters"}, None
    q[0].about, q[0].keywords = ["Brook Council", "Dam River"], ["dam", "leak"]
    q[1].addressee_name, q[1].addressee_id = "Ann Lee", 0
    q[1].about = ["Ann Lee"]
    q[2].addressee_name = ["Brook Council", "Nobody Known"]
    rec.events = [
        Event(type="ACCUSE", mode="allege", actor=["Ann Lee"], recipient=["Brook Council"],
              evidence=q[0].content, reported_by=0),
        Event(type="CONSULT", actor=["Ann Lee", "Brook Council"], evidence=q[2].content),
        Event(type="THREATEN", mode="future", actor=["Dam River"]),
    ]
    rec.claims = [Claim(claim="the dam leaks", members=[
        {"quote": 0, "stance": "asserts"}, {"quote": 1, "stance": "denies", "speaker": denier}])]
    return rec


def exported(store):
    out = []
    for rec in iter_article_records(store):
        del rec["store"]
        for item in rec["quotes"] + rec["people"]:
            del item["person_id"]
        out.append(rec)
    return out


def test_graph_round_trips(store):
    rec = graph_record()
    put(store, rec)
    assert exported(store) == [rec.to_dict()]
    with store.connect() as c:
        # names resolved to the article's people where they are some, else kept by name
        rows = c.execute(select(quote_addressees.c.quote_idx, quote_addressees.c.name,
                                quote_addressees.c.person_index).order_by(
            quote_addressees.c.quote_idx, quote_addressees.c.pos)).all()
        assert rows == [(0, "reporters", None), (1, "Ann Lee", 0), (2, "Brook Council", 2),
                        (2, "Nobody Known", None)]
        about = c.execute(select(quote_about.c.name, quote_about.c.person_index)
                          .where(quote_about.c.quote_idx == 0).order_by(quote_about.c.pos)).all()
        assert about == [("Brook Council", 2), ("Dam River", None)]
        parties = c.execute(select(event_parties.c.role, event_parties.c.name).where(
            event_parties.c.event_idx == 1).order_by(event_parties.c.pos)).all()
        assert parties == [("actor", "Ann Lee"), ("actor", "Brook Council")]
        members = c.execute(select(corpus_claim_members.c.quote_idx, corpus_claim_members.c.stance)
                            .order_by(corpus_claim_members.c.quote_idx)).all()
        assert members == [(0, "asserts"), (1, "denies")]


def test_reingest_replaces_the_graph(store):
    put(store, graph_record())
    changed = graph_record()
    changed.text += "More.\n"
    changed.events = changed.events[:1]
    put(store, changed)
    assert exported(store) == [changed.to_dict()]
    with store.connect() as c:
        assert c.execute(select(func.count()).select_from(event_parties)).scalar() == 2
        assert c.execute(select(func.count()).select_from(corpus_claims)).scalar() == 1


def test_a_record_without_graph_stays_without(store):
    rec = make_record("plain", [("Ann Lee", "Hello.")])
    put(store, rec)
    (got,) = exported(store)
    assert got == rec.to_dict() and "events" not in got and "about" not in got["quotes"][0]


def test_same_claim_across_articles_is_one_corpus_claim(store):
    a = graph_record("g1", "2024-03-01")
    b = graph_record("g2", "2024-04-01", denier="Ray Cole")
    b.claims[0].claim = "The dam is leaking."
    c = graph_record("g3", "2024-05-01")
    c.claims[0].claim = "the bridge is safe"
    put(store, a, b, c)
    with store.connect() as conn:
        rows = conn.execute(select(corpus_claims.c.claim, func.count()).join(
            corpus_claim_members, corpus_claim_members.c.corpus_claim_id == corpus_claims.c.id)
            .group_by(corpus_claims.c.claim).order_by(corpus_claims.c.claim)).all()
    assert rows == [("the bridge is safe", 2), ("the dam leaks", 4)]


def test_an_ingest_sees_the_claims_another_writer_stored_between_its_transactions(store):
    """The claim index is kept from one transaction to the next, and reads what was stored since."""
    from quotegraph.record import Article
    from quotegraph.store.ingest import Ingest

    first = graph_record("g1", "2024-03-01")
    first.claims[0].claim = "the bridge is safe"
    other = graph_record("g2", "2024-04-01")  # "the dam leaks", stored by another ingest meanwhile
    last = graph_record("g3", "2024-05-01", denier="Ray Cole")
    last.claims[0].claim = "The dam is leaking."

    class Meanwhile(Given):
        def extract_many(self, articles, limits=None):
            for a in articles:
                if a.id == "g3":  # g1's transaction is committed by now
                    put(store, other)
                yield self.by_id[a.id]

    run = Ingest(store, extractor=Meanwhile([first, last]), batch_size=1)
    run.run(("test", Article(r.id, r.text, r.meta)) for r in (first, last))
    with store.connect() as conn:
        rows = conn.execute(select(corpus_claims.c.claim, func.count()).join(
            corpus_claim_members, corpus_claim_members.c.corpus_claim_id == corpus_claims.c.id)
            .group_by(corpus_claims.c.claim).order_by(corpus_claims.c.claim)).all()
    assert rows == [("the bridge is safe", 2), ("the dam leaks", 4)]


def test_claim_index_forgets_the_claims_of_a_rolled_back_savepoint(store):
    from quotegraph.store.graph import ClaimIndex
    with store.begin() as conn:
        index = ClaimIndex().bind(conn)
        kept = index.get("the dam leaks")
        mark, savepoint = index.mark(), conn.begin_nested()
        gone = index.get("the bridge is safe")
        savepoint.rollback()
        index.rollback_to(mark)
        assert index.find(claim_key("the dam leaks")) == kept
        assert index.find(claim_key("the bridge is safe")) is None
        again = index.get("the bridge is safe")
    assert again != kept and again >= gone
    with store.connect() as conn:
        assert sorted(conn.execute(select(corpus_claims.c.claim)).scalars()) == ["the bridge is safe", "the dam leaks"]


def test_claim_keys():
    assert claim_key("Russia didn't interfere in the elections") == claim_key(
        "Russia interfered in elections") == "elect interfer russia"
    assert keys_match(claim_key("The dam is leaking"), claim_key("the dam is leaking badly"))
    assert not keys_match(claim_key("the dam leaks"), claim_key("the bridge is safe"))
    assert not keys_match(claim_key("Russia"), claim_key("Russia hacked the vote"))
    assert not keys_match(claim_key("plan 5 will cost many jobs"), claim_key("plan 50 will cost many jobs"))
    assert keys_match(claim_key("plan 5 will cost many jobs"), claim_key("Plan 5 would cost so many jobs!"))


def test_a_correction_survives_reingest(store):
    put(store, graph_record())
    with store.begin() as c:
        cid = c.execute(select(corpus_claims.c.id)).scalar_one()
        add_fix(c, "g1", 2, to_claim=cid, stance="denies")  # the meeting quote joins the claim
        add_fix(c, "g1", 1, stance="asserts")  # Omar Vance's stance was misread

    def members():
        with store.connect() as c:
            return c.execute(select(corpus_claim_members.c.quote_idx, corpus_claim_members.c.stance,
                                    corpus_claim_members.c.fixed)
                             .order_by(corpus_claim_members.c.quote_idx)).all()

    want = [(0, "asserts", False), (1, "asserts", True), (2, "denies", True)]
    assert members() == want
    put(store, graph_record(), force=True)
    assert members() == want
    with store.connect() as c:  # the record itself is as extracted
        assert c.execute(select(func.count()).select_from(mentions)).scalar() == 3
    assert exported(store) == [graph_record().to_dict()]


def test_an_old_store_gets_its_claims_keyed_again(store):
    """Migration 7: claim keys made by the old suffix stripper ("election interfer russia") are made
    again with Snowball's stems; the claims, their sides and the corrections are kept."""
    from sqlalchemy import text, update

    from quotegraph.store import Store
    from quotegraph.store.graph_query import list_claims
    from quotegraph.store.graph_schema import claim_fixes

    rec = graph_record()
    rec.claims[0].claim = "Russia interfered in the elections"
    put(store, rec)
    with store.begin() as c:
        cid = c.execute(select(corpus_claims.c.id)).scalar_one()
        add_fix(c, "g1", 2, to_claim=cid, stance="denies")
        # back to schema version 6, its key as the old stemmer made it
        c.execute(update(corpus_claims).values(key="election interfer russia"))
        c.execute(update(claim_fixes).values(to_key="election interfer russia"))
        c.execute(text("DELETE FROM schema_migrations WHERE version >= 7"))
    store.close()
    store = Store(store.db)
    try:
        with store.connect() as c:
            assert c.execute(select(corpus_claims.c.id, corpus_claims.c.key)).all() == [(cid, "elect interfer russia")]
            assert c.execute(select(claim_fixes.c.from_key, claim_fixes.c.to_key)).all() == [
                (None, "elect interfer russia")]
            assert c.execute(text("SELECT max(version) FROM schema_migrations")).scalar() == 7
        assert claim_key("Russia did not interfere in elections") == "elect interfer russia"
        (claim,) = list_claims(store, contradictions=True)
        assert claim["id"] == cid and claim["contradiction"]
        sides = {s: sorted(m["quote_idx"] for m in claim[s]) for s in ("asserts", "denies")}
        assert sides == {"asserts": [0], "denies": [1, 2]}
        later = graph_record("g2", "2024-04-01", denier="Ray Cole")
        later.claims[0].claim = "Russia did not interfere in elections"
        put(store, later)
        put(store, rec, force=True)  # the correction applied again
        with store.connect() as c:
            assert c.execute(select(func.count()).select_from(corpus_claims)).scalar() == 1
            members = c.execute(select(corpus_claim_members.c.article_id, corpus_claim_members.c.quote_idx,
                                       corpus_claim_members.c.stance).order_by(
                corpus_claim_members.c.article_id, corpus_claim_members.c.quote_idx)).all()
        assert members == [("g1", 0, "asserts"), ("g1", 1, "denies"), ("g1", 2, "denies"),
                           ("g2", 0, "asserts"), ("g2", 1, "denies")]
    finally:
        store.close()
