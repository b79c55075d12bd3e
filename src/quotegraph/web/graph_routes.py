"""The graph in the web app: who talks to and about whom, acts, claims, the network.

Pages: ``/people/{id}/graph`` (a person's ties: talks to, talks about, acts reported,
disagrees with; the person page loads it into its side column, ``?part=1``),
``/network`` (people and organisations, edges said to, spoke about, accused, met, weight =
articles: an SVG drawn by ``/static/graph.js``, and the same edges as a table),
``/network/edge`` (the quotes or events behind one edge), ``/claims`` (claims across the
corpus, contradictions side by side, flips). API: ``/api/events`` (``format=plover`` for
PLOVER-shaped JSON), ``/api/claims``, ``/api/claims/flips``, ``/api/claims/fix`` (bearer
token), ``/api/network``, ``/api/network/edge``, ``/api/people/{id}/graph``,
``/api/graph/quotes`` (quotes ``about`` or addressed ``to`` someone).

Everything is aggregated in SQL (:mod:`quotegraph.store.graph_query`) and cached until the
database changes; the network is cut to its heaviest nodes, so it stays small on a corpus
of any size.
"""
from __future__ import annotations

from typing import Annotated, Any, Callable, Literal, Optional

from fastapi import Body, FastAPI, Query, Request
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ..record import EVENT_TYPES
from ..store import graph_query as gq
from ..store.db import Store
from ..store.graph import FixError, add_fix
from ..store.query import find_people, search_quotes
from .params import MAX_INT, PER_PAGE, Limit, Offset, OptText, PersonId, Text

MAX_NODES = 300  # the most a network request may ask for
NETWORK_NODES = 60  # the network page's default
EventType = Optional[Literal[EVENT_TYPES]]
EdgeKind = Literal["said_to", "spoke_about", "accused", "met"]
Node = Annotated[str, Query(min_length=2, max_length=500, pattern=r"^(p[0-9]{1,18}|n:[^\x00]+)$",
                            description="a node id: p<person id> or n:<name key>")]
EDGE_NAMES = {"said_to": "said to", "spoke_about": "spoke about", "accused": "accused", "met": "met"}


class ClaimFixIn(BaseModel):
    article: Text = Field(min_length=1, max_length=500, description="the quote's article id")
    n: int = Field(ge=0, le=MAX_INT, description="the quote's number in the article")
    to: Optional[int] = Field(None, ge=0, le=MAX_INT, description="move it to this claim (id)")
    new: OptText = Field(None, max_length=2000, description="move it to a new claim of this text")
    stance: Optional[Literal["asserts", "denies"]] = None
    claim: Optional[int] = Field(None, ge=0, le=MAX_INT, description="the claim it is in now")
    remove: bool = False


def install(app: FastAPI, *, store: Store, html: Callable, can_write: Callable[[Optional[str]], None],
            writer, cache) -> None:
    """Add the graph's pages and API to the app (``writer``: the dependency that checks the bearer
    token of the API's write routes, before their body)."""

    def person_ids(name: Optional[str]) -> Optional[list[int]]:
        if not name or not name.strip():
            return None
        return find_people(store, name) or [-1]

    def ties(pid: int) -> dict[str, Any]:
        person = cache.get(("graph-person-name", pid), lambda: _person(store, pid))
        if person is None:
            raise HTTPException(404, f"no such person: {pid}")
        return cache.get(("graph-person", pid), lambda: dict(gq.person_graph(store, pid), person=person))

    def net(max_nodes: int, since: Optional[str], until: Optional[str], names: bool) -> dict[str, Any]:
        return cache.get(("network", max_nodes, since, until, names),
                         lambda: gq.network(store, max_nodes=max_nodes, since=since, until=until, names=names))

    def edge(kind: str, source: str, target: str, limit: int) -> dict[str, Any]:
        items = gq.edge_quotes(store, kind, source, target, limit=limit)
        return {"kind": kind, "source": source, "target": target, "label": EDGE_NAMES[kind],
                "quotes" if kind in ("said_to", "spoke_about") else "events": items}

    # --- pages ----------------------------------------------------------------------------

    @app.api_route("/people/{person_id}/graph", methods=["GET", "HEAD"], include_in_schema=False)
    def person_graph_page(request: Request, person_id: PersonId, part: bool = False):
        g = ties(person_id)
        return html(request, "person_graph_part.html" if part else "person_graph.html", g=g,
                    person=g["person"])

    @app.api_route("/network", methods=["GET", "HEAD"], include_in_schema=False)
    def network_page(request: Request, nodes: Annotated[int, Query(ge=2, le=MAX_NODES)] = NETWORK_NODES,
                     since: OptText = None, until: OptText = None, names: bool = True):
        n = net(nodes, since or None, until or None, names)
        labels = {d["id"]: d["label"] for d in n["nodes"]}
        return html(request, "network.html", net=n, labels=labels, edge_names=EDGE_NAMES,
                    nodes=nodes, since=since or "", until=until or "", names=names)

    @app.api_route("/network/edge", methods=["GET", "HEAD"], include_in_schema=False)
    def edge_page(request: Request, kind: EdgeKind, source: Node, target: Node):
        e = edge(kind, source, target, PER_PAGE)
        return html(request, "network_edge.html", e=e, source=_node_label(store, source),
                    target=_node_label(store, target))

    @app.api_route("/claims", methods=["GET", "HEAD"], include_in_schema=False)
    def claims_page(request: Request, contradictions: bool = False, person: OptText = None,
                    q: OptText = None):
        ids = person_ids(person)
        items = gq.list_claims(store, contradictions=contradictions, person_ids=ids, contains=q or None,
                               limit=PER_PAGE)
        flips = gq.flips(store, person_ids=ids, limit=PER_PAGE)
        return html(request, "claims.html", items=items, flips=flips, contradictions=contradictions,
                    person=person or "", q=q or "")

    # --- the API --------------------------------------------------------------------------

    @app.get("/api/events", summary="Events (PLOVER 2.0 types), newest first",
             description="`format=plover`: PLOVER-shaped JSON (`event`, `mode`, `actor`, `recipient`, "
                         "`date`, `text`, ours under `source`).")
    def api_events(type: EventType = None, person: OptText = None, since: OptText = None,
                   until: OptText = None, acts: bool = False, limit: Limit = None, offset: Offset = 0,
                   format: Optional[Literal["plover"]] = None):
        rows = gq.list_events(store, type=type, person_ids=person_ids(person), since=since, until=until,
                              acts_only=acts, limit=limit or PER_PAGE, offset=offset)
        if format == "plover":
            rows = [gq.plover(e) for e in rows]
        return {"ok": True, "limit": limit or PER_PAGE, "offset": offset, "items": rows}

    @app.get("/api/claims", summary="Claims across the corpus, with their members and both sides")
    def api_claims(contradictions: bool = False, person: OptText = None, q: OptText = None,
                   limit: Limit = None, offset: Offset = 0):
        rows = gq.list_claims(store, contradictions=contradictions, person_ids=person_ids(person),
                              contains=q or None, limit=limit or PER_PAGE, offset=offset)
        return {"ok": True, "limit": limit or PER_PAGE, "offset": offset, "items": rows}

    @app.get("/api/claims/flips", summary="Speakers who changed their stance on a claim")
    def api_flips(person: OptText = None, limit: Limit = None):
        return {"ok": True, "items": gq.flips(store, person_ids=person_ids(person), limit=limit or PER_PAGE)}

    @app.post("/api/claims/fix", status_code=201, summary="Correct a quote's claim or stance (bearer token)",
              description="Kept, and applied again whenever the article is re-ingested.",
              dependencies=[writer])
    def api_claim_fix(fix: ClaimFixIn = Body(...)):
        try:
            with store.begin() as conn:
                out = add_fix(conn, fix.article, fix.n, to_claim=fix.to, new_claim=fix.new,
                              stance=fix.stance, from_claim=fix.claim, remove=fix.remove)
        except FixError as e:
            raise HTTPException(400, str(e))
        cache.clear()
        return {"ok": True, **out}

    @app.get("/api/network", summary="The network: people, organisations, states; weighted edges",
             description="Nodes `p<id>` (a person or organisation) or `n:<name>`; edges said_to, "
                         "spoke_about, accused, met (undirected), weight = articles; the heaviest "
                         "`max_nodes` nodes and the edges among them.")
    def api_network(max_nodes: Annotated[int, Query(ge=2, le=MAX_NODES)] = NETWORK_NODES,
                    since: OptText = None, until: OptText = None, names: bool = True):
        return {"ok": True, **net(max_nodes, since or None, until or None, names)}

    @app.get("/api/network/edge", summary="The quotes (said_to, spoke_about) or events behind an edge")
    def api_edge(kind: EdgeKind, source: Node, target: Node, limit: Limit = None):
        return {"ok": True, **edge(kind, source, target, limit or PER_PAGE)}

    @app.get("/api/people/{person_id}/graph", summary="A person's ties: talks to, talks about, acts, "
                                                      "disagrees with")
    def api_person_graph(person_id: PersonId):
        return {"ok": True, **ties(person_id)}

    @app.get("/api/graph/quotes", summary="Quotes about someone or addressed to someone, newest first")
    def api_graph_quotes(about: OptText = None, to: OptText = None, limit: Limit = None,
                         offset: Offset = 0):
        if not (about or "").strip() and not (to or "").strip():
            raise HTTPException(400, "give about or to (a name)")
        items = search_quotes(store, about=about or None, to=to or None, kind="all",
                              limit=limit or PER_PAGE, offset=offset)
        return {"ok": True, "limit": limit or PER_PAGE, "offset": offset, "items": items}


def _person(store: Store, pid: int) -> Optional[dict[str, Any]]:
    from sqlalchemy import select

    from ..store.schema import people
    with store.connect() as conn:
        row = conn.execute(select(people.c.id, people.c.name, people.c.kind).where(people.c.id == pid)).first()
    return dict(row._mapping) if row else None


def _node_label(store: Store, node: str) -> dict[str, Any]:
    if node.startswith("p"):
        p = _person(store, int(node[1:]))
        if p is None:
            raise HTTPException(404, f"no such person: {node[1:]}")
        return {"name": p["name"], "url": f"/people/{p['id']}"}
    return {"name": gq.name_of_key(store, node[2:]), "url": None}
