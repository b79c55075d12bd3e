"""Corrections made by hand: a quote's speaker, a quote that is wrong, people merged, split or
of another kind.

Each correction is a row of ``corrections`` (who, when, what) and is applied at once. The
extraction's own rows are changed (so every list, page, count and export shows the corrected
corpus), and the correction is kept apart, so that it is applied again:

- after every batch of an ingest (an article re-extracted, ``--force``) and after the aliases
  file, inside the same transaction (:func:`reapply`);
- on another database, from the JSON that :func:`export_json` writes (:func:`import_json`).

Nothing in a correction is an id of one database: a quote is its article's id and its content
span (and its words, should the span have moved), a person is a name (any name form that
resolves to them). A correction that finds nothing to change (the article is not there yet, the
person is gone) is kept with ``status`` saying so, and is tried again at the next ingest.

Actions:

``speaker``  the quote (article, position) was said by ``value`` (a person, found by name,
             else created)
``wrong``    the quote is not a quote: it is removed from the corpus (the correction keeps
             its words)
``merge``    ``person`` (or, elsewhere, one of ``forms``, their other names) is the same as
             ``value``: every quote, mention and name form of the first goes to the second
``split``    the mentions of ``person`` named by one of ``forms`` are someone else: ``value``
             (default: the first form)
``kind``     ``person`` is of kind ``value`` (person or organisation)
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Optional

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from .db import now
from .people import PeopleResolver, name_key, surname_of
from .schema import articles, corrections, mentions, people, person_names, quotes

ACTIONS = ("speaker", "wrong", "merge", "split", "kind")
QUOTE_ACTIONS = ("speaker", "wrong")
KINDS = ("person", "organisation")
ORIGIN = "correction"  # people.origin of a person a correction created: never dropped as orphan
FORMAT = "quotegraph-corrections"
FIELDS = ("created_at", "author", "action", "article_id", "quote_idx", "quote_start", "quote_end",
          "quote_text", "person", "value", "forms", "note")


class CorrectionError(ValueError):
    """A correction that cannot be made (no such quote or person, a bad kind)."""


# --- finding quotes and people ------------------------------------------------------------

def person_id(conn: Connection, ref: str) -> Optional[int]:
    """The person a name (any form that resolves to them) or ``#id`` means, else None."""
    ref = (ref or "").strip()
    if ref.startswith("#") and ref[1:].isdigit():
        return conn.execute(select(people.c.id).where(people.c.id == int(ref[1:]))).scalar()
    key = name_key(ref)
    return conn.execute(select(person_names.c.person_id).where(person_names.c.key == key)).scalar() \
        if key else None


def _person_name(conn: Connection, pid: Optional[int]) -> Optional[str]:
    return None if pid is None else conn.execute(select(people.c.name).where(people.c.id == pid)).scalar()


def _need_person(conn: Connection, ref: str) -> tuple[int, str]:
    pid = person_id(conn, ref)
    if pid is None:
        raise CorrectionError(f"no person named '{ref}' in the database")
    return pid, _person_name(conn, pid)


def _find_quote(conn: Connection, article_id: str, start: Optional[int], end: Optional[int],
                words: Optional[str]):
    """The quote row of an article with this content span, else with these words; or None."""
    cols = (quotes.c.id, quotes.c.idx, quotes.c.person_id, quotes.c.content)
    row = conn.execute(select(*cols).where(quotes.c.article_id == article_id,
                                           quotes.c.content_start == start,
                                           quotes.c.content_end == end)).first()
    if row is None and words:
        row = conn.execute(select(*cols).where(quotes.c.article_id == article_id,
                                               quotes.c.content == words)
                           .order_by(quotes.c.idx).limit(1)).first()
    return row


def _speaker_person(conn: Connection, name: str) -> int:
    """The person a corrected speaker's name means: found by name, else created."""
    pid = person_id(conn, name)
    if pid is not None:
        return pid
    key = name_key(name)
    if not key:
        raise CorrectionError("the new speaker's name is empty")
    return PeopleResolver(conn)._create(name.strip(), "person", key, origin=ORIGIN)


# --- applying one ----------------------------------------------------------------------------

def _apply_quote(conn: Connection, c: dict) -> str:
    row = _find_quote(conn, c["article_id"], c["quote_start"], c["quote_end"], c["quote_text"])
    if row is None:
        return "pending: the quote is not in the database"
    if c["action"] == "wrong":
        conn.execute(delete(quotes).where(quotes.c.id == row.id))
        conn.execute(update(articles).where(articles.c.id == c["article_id"])
                     .values(quote_count=articles.c.quote_count - 1))
        _drop_orphan(conn, row.person_id)
        return "applied"
    pid = _speaker_person(conn, c["value"])
    if row.person_id != pid:
        conn.execute(update(quotes).where(quotes.c.id == row.id).values(person_id=pid))
        _drop_orphan(conn, row.person_id)
    return "applied"


def _keep(conn: Connection, *pids: int) -> None:
    """People a merge or split names are kept with their name forms when their articles go (a
    re-ingest, ``--force``): recreated, they could merge by the fuzzy rules again."""
    conn.execute(update(people).where(people.c.id.in_(pids), people.c.origin == "extracted")
                 .values(origin=ORIGIN))


def _drop_orphan(conn: Connection, pid: Optional[int]) -> None:
    if pid is not None:
        PeopleResolver(conn).drop_if_orphan(pid)


def _merge(conn: Connection, c: dict) -> str:
    a = person_id(conn, c["person"])
    for form in json.loads(c["forms"] or "[]"):  # on another database, by another of their names
        a = a if a is not None else person_id(conn, form)
    b = person_id(conn, c["value"])
    if a is None or b is None:
        return f"pending: no person named '{c['person'] if a is None else c['value']}'"
    _keep(conn, b)
    if a == b:
        return "applied"
    conn.execute(update(quotes).where(quotes.c.person_id == a).values(person_id=b))
    conn.execute(update(mentions).where(mentions.c.person_id == a).values(person_id=b, match=ORIGIN))
    conn.execute(update(person_names).where(person_names.c.person_id == a).values(person_id=b))
    old = conn.execute(select(people.c.name, people.c.aliases).where(people.c.id == a)).one()
    conn.execute(delete(people).where(people.c.id == a))
    resolver = PeopleResolver(conn)
    resolver.refresh_aliases(b)
    for form in [old.name] + [f for f in old.aliases.split("; ") if f]:
        resolver._add_alias_text(b, form)
    return "applied"


def _split(conn: Connection, c: dict) -> str:
    p = person_id(conn, c["person"])
    if p is None:
        return f"pending: no person named '{c['person']}'"
    forms = json.loads(c["forms"] or "[]")
    keys = {name_key(f) for f in forms} - {""}
    new_name = c["value"] or forms[0]
    new = person_id(conn, new_name)
    if new is None or new == p:
        kind = conn.execute(select(people.c.kind).where(people.c.id == p)).scalar()
        new = conn.execute(insert(people).values(
            name=new_name, kind=kind, aliases="",
            surname=surname_of(name_key(new_name)) if kind == "person" else None,
            origin=ORIGIN).returning(people.c.id)).scalar_one()
        conn.execute(update(person_names).where(person_names.c.key == name_key(new_name))
                     .values(person_id=new))
        if person_id(conn, new_name) != new:
            conn.execute(insert(person_names).values(key=name_key(new_name), person_id=new))
    _keep(conn, p, new)
    moving = and_(mentions.c.person_id == p, mentions.c.name_key.in_(sorted(keys)))
    by_mention = select(mentions.c.person_index).where(mentions.c.article_id == quotes.c.article_id,
                                                       moving)
    conn.execute(update(quotes).where(quotes.c.person_id == p, quotes.c.speaker_index.in_(
        by_mention.scalar_subquery())).values(person_id=new))
    loose = conn.execute(select(quotes.c.id, quotes.c.speaker_name).where(
        quotes.c.person_id == p, quotes.c.speaker_index.is_(None))).all()
    ids = [qid for qid, name in loose if name and name_key(name) in keys]
    if ids:
        conn.execute(update(quotes).where(quotes.c.id.in_(ids)).values(person_id=new))
    conn.execute(update(mentions).where(moving).values(person_id=new, match=ORIGIN))
    conn.execute(update(person_names).where(person_names.c.person_id == p,
                                            person_names.c.key.in_(sorted(keys))).values(person_id=new))
    resolver = PeopleResolver(conn)
    for pid in (p, new):
        resolver.refresh_aliases(pid)
    return "applied"


def _kind(conn: Connection, c: dict) -> str:
    pid = person_id(conn, c["person"])
    if pid is None:
        return f"pending: no person named '{c['person']}'"
    name = _person_name(conn, pid)
    conn.execute(update(people).where(people.c.id == pid).values(
        kind=c["value"], surname=surname_of(name_key(name)) if c["value"] == "person" else None))
    return "applied"


APPLY = {"speaker": _apply_quote, "wrong": _apply_quote, "merge": _merge, "split": _split,
         "kind": _kind}


def apply(conn: Connection, c: dict) -> str:
    """Apply one correction (a row of ``corrections`` as a dict); its new status."""
    status = APPLY[c["action"]](conn, c)
    if c.get("id") is not None and status != c.get("status"):
        conn.execute(update(corrections).where(corrections.c.id == c["id"]).values(status=status))
    return status


def reapply(conn: Connection, article_ids: Optional[Iterable[str]] = None) -> int:
    """Apply the stored corrections again, oldest first: those of people, and those of the
    quotes of ``article_ids`` (of every article when None). Returns how many were applied."""
    cond = None
    if article_ids is not None:
        ids = sorted(set(article_ids))
        cond = or_(corrections.c.action.not_in(QUOTE_ACTIONS), corrections.c.article_id.in_(ids))
    stmt = select(corrections).order_by(corrections.c.id)
    if cond is not None:
        stmt = stmt.where(cond)
    rows = [dict(r._mapping) for r in conn.execute(stmt)]
    return sum(apply(conn, c) == "applied" for c in rows)


# --- making one ------------------------------------------------------------------------------

def _record(conn: Connection, c: dict) -> dict:
    c = {k: c.get(k) for k in FIELDS}
    c["created_at"] = c["created_at"] or now()
    c["status"] = "applied"
    c["id"] = conn.execute(insert(corrections).values(**c).returning(corrections.c.id)).scalar_one()
    c["status"] = apply(conn, dict(c, status=None))
    return c


def _quote_fields(conn: Connection, article_id: str, idx: int) -> dict:
    row = conn.execute(select(quotes.c.content_start, quotes.c.content_end, quotes.c.content,
                              quotes.c.person_id).where(quotes.c.article_id == article_id,
                                                        quotes.c.idx == idx)).first()
    if row is None:
        raise CorrectionError(f"{article_id}: no quote #{idx} in the database")
    return {"article_id": article_id, "quote_idx": idx, "quote_start": row.content_start,
            "quote_end": row.content_end, "quote_text": row.content,
            "person": _person_name(conn, row.person_id)}


def correct_speaker(conn: Connection, article_id: str, idx: int, speaker: str, *, author: str,
                    note: Optional[str] = None) -> dict:
    """Record and apply: quote ``idx`` of the article was said by ``speaker``."""
    if not name_key(speaker):
        raise CorrectionError("the new speaker's name is empty")
    return _record(conn, dict(_quote_fields(conn, article_id, idx), action="speaker",
                              value=speaker.strip(), author=author, note=note))


def mark_wrong(conn: Connection, article_id: str, idx: int, *, author: str,
               note: Optional[str] = None) -> dict:
    """Record and apply: quote ``idx`` of the article is not a quote (it is removed)."""
    return _record(conn, dict(_quote_fields(conn, article_id, idx), action="wrong",
                              author=author, note=note))


def merge_people(conn: Connection, person: str, into: str, *, author: str,
                 note: Optional[str] = None) -> dict:
    """Record and apply: ``person`` is the same as ``into`` (named by name or ``#id``)."""
    a, a_name = _need_person(conn, person)
    b, b_name = _need_person(conn, into)
    if a == b:
        raise CorrectionError(f"'{person}' and '{into}' are already the same person ({a_name})")
    forms = conn.execute(select(people.c.aliases).where(people.c.id == a)).scalar()
    return _record(conn, {"action": "merge", "person": a_name, "value": b_name, "author": author,
                          "note": note, "forms": json.dumps([f for f in forms.split("; ") if f])})


def split_person(conn: Connection, person: str, forms: list[str], *, new_name: Optional[str] = None,
                 author: str, note: Optional[str] = None) -> dict:
    """Record and apply: the mentions of ``person`` named by one of ``forms`` are someone else,
    ``new_name`` (default: the first form)."""
    pid, name = _need_person(conn, person)
    forms = [f.strip() for f in forms if name_key(f)]
    if not forms:
        raise CorrectionError("name the forms to split off (--form NAME)")
    if name_key(name) in {name_key(f) for f in forms}:
        raise CorrectionError(f"'{name}' is the person's own name: split off other forms "
                              "(or merge, or set the kind)")
    known = set(conn.execute(select(mentions.c.name_key).where(mentions.c.person_id == pid)).scalars())
    known |= set(conn.execute(select(person_names.c.key).where(person_names.c.person_id == pid)).scalars())
    missing = [f for f in forms if name_key(f) not in known]
    if missing:
        raise CorrectionError(f"{name} is never named '{missing[0]}'")
    return _record(conn, {"action": "split", "person": name, "forms": json.dumps(forms),
                          "value": (new_name or "").strip() or forms[0], "author": author,
                          "note": note})


def set_kind(conn: Connection, person: str, kind: str, *, author: str,
             note: Optional[str] = None) -> dict:
    """Record and apply: ``person`` is of this kind (person or organisation)."""
    if kind not in KINDS:
        raise CorrectionError(f"unknown kind '{kind}' (choose from {', '.join(KINDS)})")
    _, name = _need_person(conn, person)
    return _record(conn, {"action": "kind", "person": name, "value": kind, "author": author,
                          "note": note})


# --- listing, export, import ---------------------------------------------------------------

def list_corrections(conn: Connection, *, article_id: Optional[str] = None, limit: Optional[int] = None,
                     offset: int = 0) -> list[dict[str, Any]]:
    """The corrections, newest first (those of one article's quotes, with ``article_id``)."""
    stmt = select(corrections).order_by(corrections.c.id.desc()).limit(limit).offset(offset)
    if article_id is not None:
        stmt = stmt.where(corrections.c.article_id == article_id)
    out = []
    for r in conn.execute(stmt):
        c = dict(r._mapping)
        c["forms"] = json.loads(c["forms"]) if c["forms"] else None
        out.append(c)
    return out


def describe(c: dict) -> str:
    """One line saying what a correction does."""
    forms = c["forms"] if isinstance(c["forms"], list) else json.loads(c["forms"] or "[]")
    quote = f"{c['article_id']} #{c['quote_idx']}"
    return {
        "speaker": f"{quote}: said by {c['value']} (was {c['person'] or 'nobody named'})",
        "wrong": f"{quote}: not a quote",
        "merge": f"{c['person']} is {c['value']}",
        "split": f"{', '.join(forms)}: not {c['person']} but {c['value']}",
        "kind": f"{c['person']} is {'an' if (c['value'] or ' ')[0] in 'aeiou' else 'a'} {c['value']}",
    }.get(c["action"], c["action"])


def export_json(conn: Connection) -> dict[str, Any]:
    """Every correction, oldest first, as plain data to re-apply elsewhere (:func:`import_json`)."""
    items = []
    for c in reversed(list_corrections(conn)):
        items.append({k: c[k] for k in FIELDS if c[k] is not None})
    return {"format": FORMAT, "version": 1, "corrections": items}


def import_json(conn: Connection, data: Any, source: str = "corrections") -> tuple[int, int, int]:
    """Store and apply the corrections of :func:`export_json`'s data (those already stored are
    skipped). Returns (added, applied, skipped)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT \
            or not isinstance(data.get("corrections"), list):
        raise CorrectionError(f"{source}: not a quotegraph corrections file "
                              f"(a JSON object with \"format\": \"{FORMAT}\")")
    added = applied = skipped = 0
    for n, item in enumerate(data["corrections"], 1):
        if not isinstance(item, dict) or item.get("action") not in ACTIONS:
            raise CorrectionError(f"{source}: correction {n}: unknown action "
                                  f"'{item.get('action') if isinstance(item, dict) else item}'")
        c = {k: item.get(k) for k in FIELDS}
        if isinstance(c["forms"], list):
            c["forms"] = json.dumps(c["forms"])
        c["author"] = c["author"] or "unknown"
        same = [getattr(corrections.c, k) == c[k] if c[k] is not None else getattr(corrections.c, k).is_(None)
                for k in ("action", "article_id", "quote_start", "quote_end", "person", "value", "forms",
                          "created_at")]
        if conn.execute(select(corrections.c.id).where(*same).limit(1)).first():
            skipped += 1
            continue
        added += 1
        applied += _record(conn, c)["status"] == "applied"
    return added, applied, skipped
