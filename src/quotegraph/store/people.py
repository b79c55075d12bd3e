"""One ``people`` row per person across articles: the merge rules.

Within an article the extractor already gives each person one canonical name
(the fullest form there). Across articles a name is resolved in this order,
the first rule that applies wins (a wrong merge is worse than a missed one):

1. **Aliases file.** A name listed in the aliases file (``canonical, alias,
   alias, ...`` a line) belongs to that canonical person, always.
2. **Same name.** A name whose key (:func:`name_key`: no case, accents,
   apostrophes, punctuation or leading titles) was seen before goes to the
   same person, of the same kind: an organisation's name never means a
   person, nor the other way round ("Post", the newspaper; "Post", for
   Marjorie Merriweather Post).
3. **Organisations** merge on the same name, or an acronym with the one full name
   whose initials it is ("AP", "Associated Press"; never when two full names fit). Groups ("both men") get no
   row; their members are people of their own.
4. **Two or more words** ("Sergei Lavrov"): the people with the same surname
   whose first names match loosely (equal; one an initial of the other; or
   rapidfuzz ratio >= 80 with the same first letter and both at least 4
   letters: Sergey/Sergei, not Bill/Hillary nor Jon/John) and whose middle
   names do not disagree. Exactly one such person: merge. None, or more than
   one: a new person.
5. **One word** ("Lavrov", in an article that never gives his first name):
   it attaches to the one person of two or more words with that surname when
   there is exactly one; otherwise (none, or Bill *and* Hillary Clinton) it is
   a person of its own, "Clinton". This is kept true as the corpus grows: when
   a second Clinton arrives, the one-word mentions attached to the first move
   to "Clinton"; when the first multi-word Lavrov arrives, "Lavrov" moves to
   him. The result does not depend on the order articles are ingested in.

A person's name is recomputed from all the forms their mentions give
(:func:`canonical_form`: the fullest, then the most used, ...) whenever a
batch changes them, so that it does not depend on which form came first.
(One order dependence is left in rule 4: a name that fits two people who do
not fit each other stays with the first if it came before the second.)

Each ``mentions`` row records which rule matched (``match``: alias, exact,
fuzzy, surname, single, initials, new).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Optional

from rapidfuzz import fuzz
from sqlalchemy import Connection, and_, delete, exists, func, insert, select, update

from .schema import aliases as aliases_t
from .schema import mentions, people, person_names, quotes

TITLES = frozenset("""
mr mrs ms miss mx dr sir dame lord lady prof professor president vice senator sen rep
representative gov governor gen general rev reverend judge justice mayor secretary minister
prime chancellor king queen prince princess pope sheikh ambassador chairman chairwoman
col colonel capt captain lt sgt adm admiral cllr councillor det inspector chief st
""".split())
SUFFIXES = frozenset("jr sr ii iii iv".split())
SMALL = frozenset("of the and for on in at to a an".split())
FIRST_NAME_RATIO = 80
RUN_INITIALS = re.compile(r"(\b(?!The\b)[A-Z][a-z]+ )([A-Z]{2})(?= [A-Z][a-z])")  # "George HW Bush"


def name_key(name: str) -> str:
    """The comparable form of a name: lower case, no accents, apostrophes, punctuation or titles;
    run-together middle initials apart ("George HW Bush" is "George H.W. Bush")."""
    name = RUN_INITIALS.sub(lambda m: m.group(1) + " ".join(m.group(2)), name)  # George HW Bush
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['’`ʼ]", "", s)
    s = re.sub(r"[^\w]+", " ", s).replace("_", " ")
    tokens = s.split()
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens.pop(0)
    return " ".join(tokens)


def initials(name: str) -> str:
    """The capitals of a name's words, small words aside ("Department of Homeland Security": DHS)."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper() and w.lower() not in SMALL)


def _core(tokens: list[str]) -> list[str]:
    """The tokens without generational suffixes (Jr, III) at the end."""
    core = list(tokens)
    while len(core) > 1 and core[-1] in SUFFIXES:
        core.pop()
    return core


def surname_of(key: str) -> Optional[str]:
    """The last name of a key of two or more words, else None."""
    core = _core(key.split())
    return core[-1] if len(core) >= 2 else None


def first_names_match(a: str, b: str) -> bool:
    """Loose first-name match: equal, an initial of the other, or a close spelling."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return (a[0] == b[0] and min(len(a), len(b)) >= 4
            and fuzz.ratio(a, b) >= FIRST_NAME_RATIO)


def compatible(key_a: str, key_b: str) -> bool:
    """Two keys of two or more words that may name the same person."""
    ta, tb = key_a.split(), key_b.split()
    ca, cb = _core(ta), _core(tb)
    if len(ca) < 2 or len(cb) < 2 or ca[-1] != cb[-1]:
        return False
    sa, sb = ta[len(ca):], tb[len(cb):]  # suffixes: Jr is not Sr
    if sa and sb and sa != sb:
        return False
    if not first_names_match(ca[0], cb[0]):
        return False
    ma, mb = ca[1:-1], cb[1:-1]
    if ma and mb:
        if len(ma) != len(mb):
            return False
        return all(x == y or ((len(x) == 1 or len(y) == 1) and x[0] == y[0]) for x, y in zip(ma, mb))
    return True


def canonical_form(forms: dict[str, tuple[int, str]]) -> str:
    """A person's name among the forms their mentions give (form: number of mentions, first
    article id): the fullest (most words, titles and suffixes aside), then the most used, then
    the longest, then the one of the first article (by id). It depends on the forms only, not
    on the order the articles came in: "David E. Kendall" whether or not "David Kendall" came
    first."""
    def rank(form: str):
        key = name_key(form)
        count, first = forms[form]
        return (-len(_core(key.split())), -count, -len(key), first, form)
    return min(forms, key=rank)


# --- the aliases file -------------------------------------------------------------

class AliasesError(Exception):
    pass


def read_aliases(path: str | Path) -> list[tuple[str, str]]:
    """(alias, canonical) pairs from a CSV file: ``canonical, alias, alias, ...`` a line.

    Blank lines and lines starting with ``#`` are skipped; the canonical name
    is an alias of itself. A name listed under two canonical names is an error.
    """
    pairs: list[tuple[str, str]] = []
    owner: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            for lineno, row in enumerate(csv.reader(f), 1):
                names = [c.strip() for c in row if c.strip()]
                if not names or names[0].startswith("#"):
                    continue
                canonical = names[0]
                for alias in names:
                    key = name_key(alias)
                    if not key:
                        continue
                    if key in owner and owner[key] != canonical:
                        raise AliasesError(f"{path}:{lineno}: '{alias}' is already an alias "
                                           f"of '{owner[key]}'")
                    owner[key] = canonical
                    pairs.append((alias, canonical))
    except OSError as e:
        raise AliasesError(f"{path}: cannot read: {e.strerror or e}")
    except csv.Error as e:
        raise AliasesError(f"{path}: not a CSV file: {e}")
    return pairs


# --- resolving names to people ------------------------------------------------------

class PeopleResolver:
    """Finds or creates the ``people`` row of a record's person, within a transaction."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.touched: set[int] = set()  # people whose names may have changed: see finish()
        rows = conn.execute(select(aliases_t.c.key, aliases_t.c.alias, aliases_t.c.canonical)).all()
        self.alias_map = {k: c for k, _, c in rows}
        self.alias_pairs = [(a, c) for _, a, c in rows]

    # -- lookups
    def _by_key(self, key: str) -> Optional[int]:
        return self.conn.execute(
            select(person_names.c.person_id).where(person_names.c.key == key)).scalar()

    def _by_key_kind(self, key: str, kind: str) -> Optional[int]:
        """The person of this kind with this name key: an organisation's name never means a
        person, nor the other way round ("Post", the newspaper, and Marjorie Merriweather Post).
        A key belongs to one row in ``person_names``; a row of the other kind with the same
        key is found through its mentions."""
        pid = self._by_key(key)
        if pid is not None and self._kind(pid) == kind:
            return pid
        return self.conn.execute(
            select(mentions.c.person_id).join(people, people.c.id == mentions.c.person_id)
            .where(mentions.c.name_key == key, people.c.kind == kind, mentions.c.match != "surname")
            .order_by(mentions.c.person_id).limit(1)).scalar()

    def _kind(self, pid: int) -> Optional[str]:
        return self.conn.execute(select(people.c.kind).where(people.c.id == pid)).scalar()

    def _multi(self, surname: str) -> list[tuple[int, str]]:
        """(id, name key) of people of two or more words with this surname."""
        rows = self.conn.execute(select(people.c.id, people.c.name).where(
            people.c.surname == surname, people.c.kind == "person").order_by(people.c.id)).all()
        return [(pid, name_key(name)) for pid, name in rows]

    def _single(self, key: str) -> Optional[int]:
        """The one-word person of this key, if any."""
        pid = self._by_key_kind(key, "person")
        if pid is None:
            return None
        surname = self.conn.execute(select(people.c.surname).where(people.c.id == pid)).scalar()
        return pid if surname is None else None

    # -- changes
    def _create(self, name: str, kind: str, key: str, origin: str = "extracted") -> int:
        surname = surname_of(key) if kind == "person" else None
        pid = self.conn.execute(insert(people).values(
            name=name, kind=kind, aliases="", surname=surname, origin=origin
        ).returning(people.c.id)).scalar_one()
        self.touched.add(pid)
        held = self._by_key(key)
        if held is None or self._kind(held) == kind or origin != "extracted":
            self._register(key, pid, name, new=True)
        return pid

    def _register(self, key: str, pid: int, name: str, new: bool = False) -> None:
        """Make ``key`` resolve to ``pid`` and list ``name`` among its aliases."""
        old = self._by_key(key)
        if old is None:
            self.conn.execute(insert(person_names).values(key=key, person_id=pid))
        elif old != pid:
            self.conn.execute(update(person_names).where(person_names.c.key == key).values(person_id=pid))
        if not new:
            self._add_alias_text(pid, name)

    def _add_alias_text(self, pid: int, name: str) -> None:
        row = self.conn.execute(select(people.c.name, people.c.aliases).where(people.c.id == pid)).one()
        forms = [a for a in row.aliases.split("; ") if a]
        if name != row.name and name not in forms:
            self.conn.execute(update(people).where(people.c.id == pid).values(
                aliases="; ".join(forms + [name])))

    def move_mentions(self, old: int, new: int, matches: Iterable[str], match: str) -> None:
        """Move ``old``'s mentions with these match rules (and their quotes) to ``new``."""
        self.touched.update((old, new))
        cond = and_(mentions.c.person_id == old, mentions.c.match.in_(list(matches)))
        self.conn.execute(update(quotes).where(
            quotes.c.person_id == old,
            exists().where(mentions.c.article_id == quotes.c.article_id,
                           mentions.c.person_index == quotes.c.speaker_index, cond),
        ).values(person_id=new))
        self.conn.execute(update(mentions).where(cond).values(person_id=new, match=match))

    def refresh_aliases(self, pid: int) -> None:
        """Recompute a person's ``aliases`` text from the names of their mentions and the file."""
        name = self.conn.execute(select(people.c.name).where(people.c.id == pid)).scalar()
        if name is None:
            return
        forms = self.conn.execute(select(mentions.c.name).where(
            mentions.c.person_id == pid, mentions.c.match != "surname").distinct()).scalars().all()
        forms += [a for a, c in self.alias_pairs if c == name]
        text = "; ".join(sorted({f for f in forms if f != name}))
        self.conn.execute(update(people).where(people.c.id == pid).values(aliases=text))

    def drop_if_orphan(self, pid: int) -> bool:
        """Delete a person nothing refers to any more (and not from the aliases file)."""
        used = self.conn.execute(select(mentions.c.person_id).where(mentions.c.person_id == pid).limit(1)).first()
        used = used or self.conn.execute(select(quotes.c.id).where(quotes.c.person_id == pid).limit(1)).first()
        origin = self.conn.execute(select(people.c.origin).where(people.c.id == pid)).scalar()
        if used or origin is None or origin != "extracted":
            return False
        self.conn.execute(delete(person_names).where(person_names.c.person_id == pid))
        self.conn.execute(delete(people).where(people.c.id == pid))
        return True

    def rebalance(self, surname: str) -> None:
        """Keep rule 5 true for one surname after its people changed."""
        if surname in self.alias_map:
            return  # the aliases file decides what the one-word name means
        multi = self._multi(surname)
        single = self._single(surname)
        if len(multi) == 1 and single is not None:
            self.move_mentions(single, multi[0][0], ["single"], "surname")
            self.drop_if_orphan(single)
        elif len(multi) >= 2:
            for pid, _ in multi:
                has = self.conn.execute(select(mentions.c.person_id).where(
                    mentions.c.person_id == pid, mentions.c.match == "surname").limit(1)).first()
                if has:
                    if single is None:
                        single = self._create(surname.title(), "person", surname)
                    self.move_mentions(pid, single, ["surname"], "single")

    def finish(self) -> None:
        """Give every person touched since the last call their canonical name (see
        :func:`canonical_form`), whatever the order their names arrived in, and the list of
        their other forms. People from the aliases file or a correction keep their name."""
        for pid in sorted(self.touched):
            row = self.conn.execute(select(people.c.name, people.c.kind, people.c.origin)
                                    .where(people.c.id == pid)).first()
            if row is None or row.origin != "extracted":
                continue
            forms = {name: (n, first) for name, n, first in self.conn.execute(
                select(mentions.c.name, func.count(), func.min(mentions.c.article_id)).where(
                    mentions.c.person_id == pid, mentions.c.match != "surname")
                .group_by(mentions.c.name))}
            if forms:
                name = canonical_form(forms)
                if name != row.name:
                    surname = surname_of(name_key(name)) if row.kind == "person" else None
                    self.conn.execute(update(people).where(people.c.id == pid).values(
                        name=name, surname=surname))
            self.refresh_aliases(pid)
        self.touched.clear()

    # -- the rules
    def resolve(self, name: str, kind: str) -> tuple[Optional[int], str]:
        """The person id for a canonical name and kind, and the rule that found it."""
        if kind == "group":
            return None, "group"
        key = name_key(name)
        if not key:
            return None, "empty"
        pid, match = self._resolve(name, kind, key)
        if pid is not None:
            self.touched.add(pid)
        return pid, match

    def _resolve(self, name: str, kind: str, key: str) -> tuple[Optional[int], str]:
        if key in self.alias_map:
            return self._alias_person(key, name), "alias"
        pid = self._by_key_kind(key, kind)
        if pid is not None:
            return pid, "exact"
        if kind != "person":
            pid = self._initials(name, kind)
            if pid is not None:
                self._register(key, pid, name)
                return pid, "initials"
            return self._create(name, kind, key), "new"
        surname = surname_of(key)
        if surname is None:  # one word
            multi = self._multi(key)
            if len(multi) == 1:
                return multi[0][0], "surname"
            return self._create(name, kind, key), "single"
        candidates = [pid for pid, k in self._multi(surname) if compatible(key, k)]
        if len(candidates) == 1:
            self._register(key, candidates[0], name)
            return candidates[0], "fuzzy"
        pid = self._create(name, kind, key)
        self.rebalance(surname)
        return pid, "new"

    def _initials(self, name: str, kind: str) -> Optional[int]:
        """The one organisation an acronym stands for ("AP": the Associated Press), or the one
        known only by the acronym of a full name ("Associated Press": "AP"); else None."""
        if re.fullmatch(r"[A-Z]{2,5}", name):
            rows = self.conn.execute(select(people.c.id, people.c.name).where(
                people.c.kind == kind, people.c.name.like(name[0] + "%"))).all()
            found = [pid for pid, other in rows if " " in other and initials(other) == name]
            return found[0] if len(found) == 1 else None
        short = initials(name)
        if len(short) < 2 or len(name.split()) < 2:
            return None
        pid = self._by_key_kind(name_key(short), kind)
        if pid is None:
            return None
        current = self.conn.execute(select(people.c.name).where(people.c.id == pid)).scalar()
        return pid if current == short else None  # an "AP" not yet named in full

    def _alias_person(self, key: str, name: str) -> int:
        """The person of an aliases-file name (created, or adopted from an extracted one)."""
        canonical = self.alias_map[key]
        ckey = name_key(canonical)
        pid = self.conn.execute(select(people.c.id).where(
            people.c.origin == "aliases file", people.c.name == canonical)).scalar()
        if pid is None:
            old = self._by_key(ckey)
            old_name = self.conn.execute(select(people.c.name).where(people.c.id == old)).scalar()
            if old is not None and name_key(old_name) == ckey:
                pid = old  # the person already known by this very name becomes the file's
                self.conn.execute(update(people).where(people.c.id == pid).values(
                    name=canonical, origin="aliases file"))
            else:
                pid = self._create(canonical, "person", ckey, origin="aliases file")
        for k in {ckey, key}:
            if self._by_key(k) != pid:
                self._register(k, pid, name if k == key else canonical)
        return pid


def apply_aliases(conn: Connection, pairs: list[tuple[str, str]]) -> int:
    """Store the aliases file and re-resolve every mention it names; returns mentions moved.

    The file overrides earlier decisions both ways: names it lists together
    merge, and a name it lists under another canonical name leaves the person
    it had been merged with. Aliases stay in the database for later ingests.
    """
    conn.execute(delete(aliases_t))
    seen = set()
    for alias, canonical in pairs:
        key = name_key(alias)
        if key not in seen:
            seen.add(key)
            conn.execute(insert(aliases_t).values(key=key, alias=alias, canonical=canonical))
    resolver = PeopleResolver(conn)
    moved = 0
    touched: set[int] = set()
    for alias, canonical in pairs:
        key = name_key(alias)
        target = resolver._alias_person(key, alias)
        touched.add(target)
        rows = conn.execute(select(mentions.c.article_id, mentions.c.person_index, mentions.c.person_id)
                            .where(mentions.c.name_key == key, mentions.c.kind != "group",
                                   (mentions.c.person_id != target) | mentions.c.person_id.is_(None))
                            ).all()
        for art, idx, old in rows:
            conn.execute(update(mentions).where(mentions.c.article_id == art,
                                                mentions.c.person_index == idx)
                         .values(person_id=target, match="alias"))
            conn.execute(update(quotes).where(quotes.c.article_id == art, quotes.c.speaker_index == idx)
                         .values(person_id=target))
            if old is not None:
                touched.add(old)
        moved += len(rows)
    surnames = set()
    for pid in sorted(touched):
        surname = conn.execute(select(people.c.surname).where(people.c.id == pid)).scalar()
        if surname:
            surnames.add(surname)
        if not resolver.drop_if_orphan(pid):
            resolver.refresh_aliases(pid)
    for surname in sorted(surnames):
        resolver.rebalance(surname)
    resolver.finish()
    return moved


def count_people(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(people)).scalar_one()
