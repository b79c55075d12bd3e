"""Ingest: stream articles, extract, and write them in one transaction per batch.

Exactly once: an article is written with its quotes and mentions inside the
transaction of its batch, so a process killed at any moment leaves whole
articles or none; a rerun skips every article already stored with the same
content hash (sha256 of the text) and does the rest. ``force`` re-extracts
and replaces them all. An article whose id comes back with another text
replaces the stored one. Within one run, a second article with an id already
read is reported and left out (unless its text is the same: then it is
skipped).

An article whose extraction fails is stored with ``status='failed'`` and its
error, and is tried again by the next run; unreadable inputs (a bad JSON line, say) are reported and counted as
failed, but there is nothing to store.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import OperationalError

from .. import __version__
from ..articlemeta import article_fields, iso_date  # noqa: F401  (iso_date: for callers)
from ..inputs import STDIN, InputError, expand, folder_files, iter_articles
from ..limits import Limits, extract_many, truncation_note
from ..messages import first_line
from ..parallel import CHUNK, chunked, extract_parallel
from ..record import Article, Record, Skipped
from .corrections import reapply
from .db import Store, now
from .graph import ClaimIndex, delete_graph, write_graph
from .people import PeopleResolver, count_people, name_key
from .schema import articles, mentions, people, quotes, runs

BATCH_SIZE = 32  # articles per transaction
COMMIT_SECONDS = 2.0  # or sooner, so that readers see progress
FINISH_ATTEMPTS = 5  # to mark a run done or failed, on a busy database


# --- inputs ----------------------------------------------------------------------

def iter_sourced(paths: Iterable[str], text_key: str = "text", id_key: str = "id",
                 stdin=None) -> Iterator[tuple[str, Any]]:
    """(source file, Article or InputError) pairs, streamed, in ``iter_articles`` order."""
    for name in (m for p in paths for m in (expand(os.fspath(p)) or [os.fspath(p)])):
        if name != STDIN and Path(name).is_dir():
            files = folder_files(Path(name))
            if not files:
                yield from ((name, item) for item in iter_articles([name]))
            for f in files:
                for item in iter_articles([f], text_key=text_key, id_key=id_key):
                    yield str(f), item
        else:
            for item in iter_articles([name], text_key=text_key, id_key=id_key, stdin=stdin):
                yield name, item


def count_inputs(paths: Iterable[str]) -> Optional[int]:
    """How many articles the inputs hold, roughly (non-blank JSONL lines); None for stdin."""
    total = 0
    for name in (m for p in paths for m in expand(os.fspath(p))):
        if name == STDIN:
            return None
        p = Path(name)
        for f in (folder_files(p) if p.is_dir() else [p]):
            low = f.name.lower()
            try:
                if ".warc" in low:
                    return None  # records of any kind: unknown until read
                if low.endswith((".jsonl", ".jsonl.gz", ".csv", ".tsv", ".csv.gz", ".tsv.gz")):
                    opener = gzip.open if low.endswith(".gz") else open
                    with opener(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                else:
                    total += 1
            except (OSError, EOFError, ValueError):
                total += 1
    return total


# --- article metadata: quotegraph.articlemeta (article_fields, iso_date) -----------------


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def quote_words(text: str, parts) -> str:
    """The words of a quote: its parts, stripped, joined by ' … '."""
    return " … ".join(text[s:e].strip() for s, e in parts)


# --- writing -------------------------------------------------------------------------

def _span(record: Record, span) -> tuple[Optional[int], Optional[int], Optional[str]]:
    if not span:
        return None, None, None
    return span[0], span[1], record.text[span[0]:span[1]]


def write_record(conn: Connection, resolver: PeopleResolver, record: Record, *,
                 source_file: Optional[str], digest: str, run_id: Optional[int],
                 claim_index: Optional[ClaimIndex] = None) -> int:
    """Insert one record (article, mentions, quotes, the graph); returns the number of quotes."""
    fields = article_fields(record.meta)
    ok = record.error is None and record.skipped is None
    status = "ok" if ok else "skipped" if record.error is None else "failed"
    conn.execute(insert(articles).values(
        id=record.id, **fields, status=status, error=record.error or record.skipped,
        quote_count=len(record.quotes) if ok else 0, source_file=source_file,
        content_hash=digest, text=record.text,
        meta=json.dumps(record.meta, ensure_ascii=False, default=str),
        regions=json.dumps([[list(r.span), r.kind] for r in record.regions]),
        run_id=run_id, ingested_at=now()))
    if not ok:
        return 0
    pids: list[Optional[int]] = []
    rows = []
    for i, p in enumerate(record.people):
        pid, match = resolver.resolve(p.name, p.kind)
        pids.append(pid)
        rows.append({"article_id": record.id, "person_index": i, "person_id": pid, "name": p.name,
                     "name_key": name_key(p.name), "kind": p.kind, "mention_count": len(p.mentions),
                     "spans": json.dumps([list(m) for m in p.mentions]),
                     "members": json.dumps(list(p.members)), "match": match})
    if rows:
        conn.execute(insert(mentions), rows)
    rows = []
    for i, q in enumerate(record.quotes):
        sid = q.speaker_id
        pid = pids[sid] if sid is not None and 0 <= sid < len(pids) else None
        if pid is None and sid is None and isinstance(q.speaker_name, str):
            pid = resolver.resolve(q.speaker_name, "person")[0]
        group = isinstance(q.speaker_name, list)
        cs, ce, cue = _span(record, q.cue)
        ss, se, _ = _span(record, q.speaker)
        as_, ae, addressee = _span(record, q.addressee)
        rows.append({
            "article_id": record.id, "idx": i, "person_id": pid, "date": fields["date"],
            "outlet": fields["outlet"], "type": q.type, "kind": q.kind,
            "content": quote_words(record.text, q.content_parts or [q.content]),
            "speaker_name": "; ".join(q.speaker_name) if group else q.speaker_name,
            "speaker_text": q.speaker_text, "cue": cue, "addressee": addressee,
            "confidence": q.confidence, "content_start": q.content[0], "content_end": q.content[1],
            "content_parts": json.dumps([list(p) for p in q.content_parts]),
            "cue_start": cs, "cue_end": ce, "speaker_start": ss, "speaker_end": se,
            "speaker_index": sid, "speaker_group": group, "addressee_start": as_, "addressee_end": ae})
    if rows:
        conn.execute(insert(quotes), rows)
    write_graph(conn, record, fields["date"], claim_index)
    return len(rows)


def delete_article(conn: Connection, resolver: PeopleResolver, article_id: str) -> None:
    """Remove an article with its quotes and mentions; people left with nothing go too."""
    pids = conn.execute(select(mentions.c.person_id).where(
        mentions.c.article_id == article_id, mentions.c.person_id.is_not(None)).distinct()).scalars().all()
    pids += conn.execute(select(quotes.c.person_id).where(
        quotes.c.article_id == article_id, quotes.c.person_id.is_not(None)).distinct()).scalars().all()
    delete_graph(conn, article_id)
    conn.execute(delete(quotes).where(quotes.c.article_id == article_id))
    conn.execute(delete(mentions).where(mentions.c.article_id == article_id))
    conn.execute(delete(articles).where(articles.c.id == article_id))
    for pid in sorted(set(pids)):
        surname = conn.execute(select(people.c.surname).where(people.c.id == pid)).scalar()
        if resolver.drop_if_orphan(pid) and surname:
            resolver.rebalance(surname)


# --- the run ---------------------------------------------------------------------------

@dataclass
class Summary:
    """What one ingest did."""

    run_id: Optional[int] = None
    ingested: int = 0  # articles stored with their quotes
    failed: int = 0  # articles stored as failed, and unreadable inputs
    skipped: int = 0  # already stored with the same text (or repeated in this run), or not articles
    other_language: int = 0  # stored as skipped, not parsed: not in English
    quotes: int = 0
    new_people: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    not_done: list[str] = field(default_factory=list)  # where each failed or unreadable input is
    truncated: list[str] = field(default_factory=list)  # ids of articles extracted up to the size cap
    left_out: list[str] = field(default_factory=list)  # ids of articles stored as skipped (not in English)

    @property
    def attempted(self) -> int:
        return self.ingested + self.failed

    @property
    def failure_percent(self) -> float:
        return 100.0 * self.failed / self.attempted if self.attempted else 0.0

    @property
    def rate(self) -> float:
        return self.attempted / self.seconds if self.seconds > 0 else 0.0


def _stored(conn: Connection, ids: list[str]) -> dict[str, tuple[str, str]]:
    """(content hash, status) of the articles with these ids that are stored."""
    return {id: (digest, status) for id, digest, status in conn.execute(
        select(articles.c.id, articles.c.content_hash, articles.c.status).where(
            articles.c.id.in_(ids))).all()}


@dataclass
class _Pending:
    source: str
    digest: str


class Ingest:
    """One ingest run into a store; see :func:`ingest`."""

    def __init__(self, store: Store, *, extractor=None, model: Optional[str] = None, jobs: int = 1,
                 force: bool = False, batch_size: int = BATCH_SIZE, limits: Optional[Limits] = None,
                 commit_seconds: float = COMMIT_SECONDS, inputs: Optional[list[str]] = None,
                 on_problem: Optional[Callable[[str, str], None]] = None,
                 on_progress: Optional[Callable[[int], None]] = None):
        self.store, self.extractor, self.jobs, self.force = store, extractor, jobs, force
        self.model = model or getattr(extractor, "model", None)
        self.batch_size, self.commit_seconds = batch_size, commit_seconds
        self.limits = limits
        self.inputs = inputs or []
        self.on_problem = on_problem or (lambda where, msg: None)
        self.on_progress = on_progress or (lambda n: None)
        self.summary = Summary()
        self._pending: dict[str, _Pending] = {}
        self._seen: dict[str, str] = {}
        self._claims: Optional[ClaimIndex] = None  # the corpus claims, kept from one transaction to the next

    def _problem(self, where: str, message: str, failed: bool = True) -> None:
        """Report a failed or unread input, or (``failed=False``) a truncated article."""
        (self.summary.not_done if failed else self.summary.truncated).append(where)
        self.summary.problems.append(f"{where}: {message}")
        del self.summary.problems[:-100]  # keep the last ones only
        self.on_problem(where, message)

    def _candidates(self, sourced: Iterable[tuple[str, Any]]) -> Iterator[Article]:
        """The articles to extract: unreadable, repeated and unchanged ones are counted and dropped."""
        s = self.summary
        for chunk in chunked(sourced, CHUNK):
            batch = []
            for source, item in chunk:
                if isinstance(item, Skipped):  # not articles: counted and said, not stored
                    s.skipped += item.count
                    self.on_problem(item.source, f"{item.count} {item.reason}")
                    continue
                if isinstance(item, InputError):
                    self._problem(item.source, item.message)
                    s.failed += 1
                    self.on_progress(1)
                    continue
                digest = content_hash(item.text)
                if item.id in self._seen:
                    if self._seen[item.id] == digest:
                        s.skipped += 1
                    else:
                        self._problem(f"{source}: {item.id}", "another article with this id was "
                                      "read before in this run; this one is left out")
                        s.failed += 1
                    self.on_progress(1)
                    continue
                self._seen[item.id] = digest
                batch.append((source, item, digest))
            if not batch:
                continue
            with self.store.connect() as conn:
                stored = _stored(conn, [a.id for _, a, _ in batch])
            for source, art, digest in batch:
                if self._unchanged(stored, art.id, digest):
                    s.skipped += 1
                    self.on_progress(1)
                    continue
                self._pending[art.id] = _Pending(source, digest)
                yield art

    def _unchanged(self, stored: dict[str, tuple[str, str]], article_id: str, digest: str) -> bool:
        """Stored with this text, and not failed (a failure may be passing: tried again)."""
        return not self.force and stored.get(article_id, (None, None))[0] == digest \
            and stored[article_id][1] != "failed"

    def _records(self, arts: Iterator[Article]) -> Iterator[Record]:
        if self.jobs > 1 and self.extractor is None:  # with an extractor given (Dask's), jobs is a record only
            return extract_parallel(arts, self.model, self.jobs, self.limits)
        if self.extractor is None:
            from ..pipeline import Extractor
            self.extractor = Extractor(self.model)
        return extract_many(self.extractor, arts, self.limits)

    def _flush(self, batch: list[Record]) -> None:
        if not batch:
            return
        stored = failed = other = nquotes = skipped = 0
        written: list[Record] = []
        claims, self._claims = self._claims, None  # None again unless the transaction commits
        with self.store.begin() as conn:  # writers take turns: see Store.begin
            resolver, claim_index = PeopleResolver(conn), (claims or ClaimIndex()).bind(conn)
            # what is stored now, not when the batch was read: another ingest may have
            # stored some of these articles meanwhile
            stored_now = _stored(conn, [r.id for r in batch])
            for rec in batch:
                info = self._pending[rec.id]
                exists = rec.id in stored_now
                if self._unchanged(stored_now, rec.id, info.digest):
                    skipped += 1  # stored by another run since
                    continue
                savepoint, mark = conn.begin_nested(), claim_index.mark()
                try:
                    if exists:
                        delete_article(conn, resolver, rec.id)
                    nquotes += write_record(conn, resolver, rec, source_file=info.source,
                                            digest=info.digest, run_id=self.summary.run_id,
                                            claim_index=claim_index)
                    savepoint.commit()
                except Exception as e:  # this article only: store it as failed
                    savepoint.rollback()
                    claim_index.rollback_to(mark)  # claims made in the savepoint are gone
                    if exists:
                        delete_article(conn, resolver, rec.id)
                    rec = Record(id=rec.id, text=rec.text, meta=rec.meta,
                                 error=f"store failed: {type(e).__name__}: {first_line(e)}")
                    write_record(conn, resolver, rec, source_file=info.source, digest=info.digest,
                                 run_id=self.summary.run_id)
                written.append(rec)
                if rec.error:
                    failed += 1
                elif rec.skipped:
                    other += 1
                else:
                    stored += 1
            resolver.finish()  # canonical names of the people the batch changed
            reapply(conn, [rec.id for rec in batch])  # corrections made by hand survive re-ingest
            s = self.summary
            conn.execute(update(runs).where(runs.c.id == s.run_id).values(
                articles=s.ingested + s.failed + stored + failed, quotes=s.quotes + nquotes,
                skipped=s.skipped + skipped + s.other_language + other, failed=s.failed + failed,
                new_people=count_people(conn) - self._people_before))
        self._claims = claim_index  # committed: kept for the next transaction
        for rec in batch:  # committed: now it counts
            del self._pending[rec.id]
        for rec in written:
            if rec.error:
                self._problem(rec.id, rec.error)
            elif rec.skipped:
                self.summary.left_out.append(rec.id)
            elif (note := truncation_note(rec.meta)) is not None:
                self._problem(rec.id, note, failed=False)
        s = self.summary
        s.ingested, s.failed, s.quotes = s.ingested + stored, s.failed + failed, s.quotes + nquotes
        s.skipped += skipped
        s.other_language += other
        self.on_progress(len(batch))

    def run(self, sourced: Iterable[tuple[str, Any]]) -> Summary:
        s = self.summary
        t0 = time.perf_counter()
        with self.store.begin() as conn:
            self._people_before = count_people(conn)
            s.run_id = conn.execute(insert(runs).values(
                started_at=now(), status="running", version=__version__, model=self.model,
                inputs=json.dumps(self.inputs), jobs=self.jobs, forced=self.force,
                articles=0, quotes=0, new_people=0, skipped=0, failed=0).returning(runs.c.id)).scalar_one()
        status = "failed"
        try:
            batch: list[Record] = []
            last = time.monotonic()
            for rec in self._records(self._candidates(sourced)):
                batch.append(rec)
                if len(batch) >= self.batch_size or time.monotonic() - last >= self.commit_seconds:
                    self._flush(batch)
                    batch, last = [], time.monotonic()
            self._flush(batch)
            status = "done"
        finally:
            s.seconds = time.perf_counter() - t0
            self._finish(status)
        return s

    def _finish(self, status: str) -> None:
        """Mark the run done or failed; tried again if the database is busy (never left running)."""
        s = self.summary
        for attempt in range(FINISH_ATTEMPTS):
            try:
                with self.store.begin() as conn:
                    s.new_people = count_people(conn) - self._people_before
                    conn.execute(update(runs).where(runs.c.id == s.run_id).values(
                        finished_at=now(), status=status, seconds=round(s.seconds, 3),
                        articles=s.ingested + s.failed, quotes=s.quotes,
                        skipped=s.skipped + s.other_language, failed=s.failed, new_people=s.new_people))
                return
            except OperationalError:
                if attempt == FINISH_ATTEMPTS - 1:
                    raise
                time.sleep(1)


def ingest(store: Store, paths: list[str], *, text_key: str = "text", id_key: str = "id",
           stdin=None, **options) -> Summary:
    """Ingest files, folders or ``-`` into ``store``; options as for :class:`Ingest`."""
    run = Ingest(store, inputs=[os.fspath(p) for p in paths], **options)
    return run.run(iter_sourced(paths, text_key=text_key, id_key=id_key, stdin=stdin))


def store_counts(conn: Connection) -> dict[str, int]:
    """Articles (ok, failed), quotes and people in the store."""
    by_status = dict(conn.execute(select(articles.c.status, func.count()).group_by(articles.c.status)).all())
    ok, bad, other = (by_status.get(k, 0) for k in ("ok", "failed", "skipped"))
    return {"articles": ok + bad + other, "failed_articles": bad, "skipped_articles": other,
            "quotes": conn.execute(select(func.count()).select_from(quotes)).scalar_one(),
            "people": count_people(conn)}
