"""Putting hand-made records into a store through the real ingest path."""
from __future__ import annotations

from sqlalchemy import select

from quotegraph.record import Article, Person, Quote, Record
from quotegraph.store.ingest import Ingest, Summary
from quotegraph.store.schema import mentions, people, quotes


class Given:
    """An 'extractor' that returns the records it was given, by article id."""

    model = "given"

    def __init__(self, records):
        self.by_id = {r.id: r for r in records}

    def extract_many(self, articles, limits=None):
        for a in articles:
            yield self.by_id[a.id]


def put(store, *records: Record, force: bool = False) -> Summary:
    run = Ingest(store, extractor=Given(records), force=force)
    out = run.run(("test", Article(r.id, r.text, r.meta)) for r in records)
    from quotegraph.store.integrity import check
    assert check(store) == []
    return out


def people_names(store) -> list[str]:
    with store.connect() as c:
        return sorted(c.execute(select(people.c.name)).scalars())


def speaker_of(store, article_id: str, idx: int = 0):
    """The corpus person's name of a quote."""
    with store.connect() as c:
        pid = c.execute(select(quotes.c.person_id).where(
            quotes.c.article_id == article_id, quotes.c.idx == idx)).scalar()
        return c.execute(select(people.c.name).where(people.c.id == pid)).scalar()


def person_of(store, article_id: str, name: str):
    """(corpus person's name, match rule) of an article's person."""
    with store.connect() as c:
        row = c.execute(select(mentions.c.person_id, mentions.c.match).where(
            mentions.c.article_id == article_id, mentions.c.name == name)).one()
        pname = c.execute(select(people.c.name).where(people.c.id == row.person_id)).scalar()
        return pname, row.match


# --- records by hand -------------------------------------------------------------

def make_record(id: str, lines: list[tuple], meta: dict | None = None, extra_people=(),
                kinds: dict | None = None) -> Record:
    """A record whose text is one line per (speaker name, words[, type]): ``Name said: “words”``.

    Each distinct name is one person (in order of first appearance); a name
    given as a list is a group of those people. ``extra_people`` adds people
    who say nothing; ``kinds`` gives a name another kind than person.
    """
    text, quotes, people, index = "", [], [], {}

    def person(name: str, kind: str = "person") -> int:
        kind = (kinds or {}).get(name, kind)
        if name not in index:
            index[name] = len(people)
            people.append(Person(name=name, mentions=[], kind=kind))
        return index[name]

    for line in lines:
        name, words = line[0], line[1]
        qtype = line[2] if len(line) > 2 else "direct"
        start = len(text)
        label = " and ".join(name) if isinstance(name, list) else name
        text += f"{label} said: “{words}”\n"
        if isinstance(name, list):
            members = [person(n) for n in name]
            pid = person(label, "group")
            people[pid].members = members
        else:
            pid = person(name)
        people[pid].mentions.append((start, start + len(label)))
        cue = (start + len(label) + 1, start + len(label) + 5)
        content = (cue[1] + 3, cue[1] + 3 + len(words))
        quotes.append(Quote(type=qtype, content=content, content_parts=[content], cue=cue,
                            speaker=(start, start + len(label)), speaker_text=label,
                            speaker_name=list(name) if isinstance(name, list) else name,
                            speaker_id=pid, confidence=0.9))
    for name in extra_people:
        person(name)
    return Record(id=id, text=text, meta=meta or {}, quotes=quotes, people=people)


class FakeExtractor:
    """Stands in for the spaCy extractor: the text's lines ``Name: words`` are direct quotes.

    A text containing ``BOOM`` fails, as a real extraction error would.
    """

    model = "fake"

    def extract_many(self, articles, limits=None):
        for a in articles:
            if "BOOM" in a.text:
                yield Record(id=a.id, text=a.text, meta=a.meta, error="extraction failed: boom")
                continue
            lines = [ln.split(": ", 1) for ln in a.text.splitlines() if ": " in ln]
            rec = make_record(a.id, [(n, w) for n, w in lines], a.meta)
            yield Record(id=a.id, text=a.text, meta=a.meta, quotes=_respan(rec, a.text),
                         people=_repeople(rec, a.text))


def _respan(rec: Record, text: str) -> list[Quote]:
    """The hand-made record's quotes, placed at the same words in ``text``."""
    out, pos = [], 0
    for q in rec.quotes:
        words = rec.text[q.content[0]:q.content[1]]
        s = text.index(words, pos)
        pos = s + len(words)
        out.append(Quote(type="direct", content=(s, pos), content_parts=[(s, pos)],
                         speaker_text=q.speaker_text, speaker_name=q.speaker_name,
                         speaker_id=q.speaker_id, confidence=0.9))
    return out


def _repeople(rec: Record, text: str) -> list[Person]:
    return [Person(name=p.name, mentions=[], kind=p.kind, members=p.members) for p in rec.people]


def article(id: str, *lines: str, **meta) -> Article:
    return Article(id=id, text="\n".join(lines) + "\n", meta=meta)
