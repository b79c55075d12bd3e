#!/usr/bin/env python3
"""How far the people of the records can be trusted: a rerunnable check of every canonical name.

    .venv/bin/python benchmarks/people.py [--gold ../shared/eval/polnear/dev.jsonl] [--limit 60] [--show]

Extracts the first N articles (default 60) and checks each entry of each
record's ``people`` (groups are left out: their members are checked):

- *distinct*: no other entry of the same article names the same one
  (``evaluate.same_name``: "Obama" and "Barack Obama"; "AP" and "Associated
  Press" by initials);
- *a name*: no title left in it ("Councillor David Harrow"), no lower-case word
  but particles ("de", "van") and, in an organisation's name after its first word,
  the nouns of ``data/org_nouns.txt`` ("Trump campaign"), no digits, at most five words;
- *not a place*: a person's name is not one the recogniser tags as a place
  (GPE, LOC) elsewhere in the article ("Riverside", "Kent");
- *not a headline*: a person's name does not run on into a title-case line's
  next words ("Donald Trump Rampages"): its last word is not a verb there;
- *the right kind*: a person's name does not end as an organisation's does
  ("Harbour Gazette", ``data/media_words.txt``).

Prints the share of entries passing all checks, per check the failures, and
with ``--show`` every failing name.
"""
from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "bin", "al", "el",
             "ibn", "du", "dos", "das", "y", "st", "and", "of", "the", "for", "on", "in"}


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper())


def words_of(name: str) -> list[str]:
    """First column of a data file of this checkout (so that the check is the same whatever
    quotegraph is imported: ``PYTHONPATH=../main/src`` measures main's extraction)."""
    text = (REPO / "src" / "quotegraph" / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t")[0].strip().lower() for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def problems(record, nlp_doc=None) -> list[tuple[str, str]]:
    """(name, check failed) for each untrustworthy entry of a record's people."""
    from quotegraph.evaluate import same_name
    titles = set(words_of("titles.txt")) - {"the"}
    org_ends = set(words_of("media_words.txt"))
    org_nouns = set(words_of("org_nouns.txt"))  # "Trump campaign", "Bush administration": names too
    out = []
    people = [p for p in record.people if p.kind != "group"]
    places = set()
    if nlp_doc is not None:
        places = {e.text.lower() for e in nlp_doc.ents if e.label_ in ("GPE", "LOC")}
    for i, p in enumerate(people):
        words = p.name.split()
        others = [q for j, q in enumerate(people) if j != i and q.kind == p.kind]
        if any(same_name(p.name, q.name) or same_name(q.name, p.name) for q in others) or \
                p.kind == "organisation" and any(initials(q.name) == p.name for q in others if len(q.name.split()) > 1):
            out.append((p.name, "not distinct"))
        elif any(w.lower().strip(".") in titles for w in words[:-1]) or len(words) > 5 and p.kind == "person" or \
                any(c.isdigit() for c in p.name) or \
                any(w[:1].islower() and w.lower() not in PARTICLES and
                    not (p.kind == "organisation" and w.lower() in org_nouns and k) for k, w in enumerate(words)):
            out.append((p.name, "not a name"))
        elif p.kind == "person" and p.name.lower() in places:
            out.append((p.name, "a place"))
        elif p.kind == "person" and len(words) >= 2 and words[-1].lower() in org_ends:
            out.append((p.name, "an organisation's name"))
        elif p.kind == "person" and len(words) >= 3 and re.fullmatch(r"[A-Z][a-z]+(?:s|ed|es)", words[-1]) and \
                re.search(re.escape(p.name) + r" [A-Z]", record.text):
            out.append((p.name, "a headline"))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(REPO.parent / "shared" / "eval" / "polnear" / "dev.jsonl"))
    ap.add_argument("--limit", type=int, default=60)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)

    from quotegraph.evaluate import read_records
    from quotegraph.pipeline import Extractor
    from quotegraph.record import Article

    gold = list(itertools.islice(read_records(args.gold), args.limit))
    extractor = Extractor()
    total = 0
    failed: Counter = Counter()
    shown = []
    for g in gold:
        rec = extractor.extract(Article(id=g["id"], text=g["text"]))
        doc = extractor.nlp(g["text"])
        total += sum(p.kind != "group" for p in rec.people)
        for name, why in problems(rec, doc):
            failed[why] += 1
            shown.append(f"  {g['id'][:40]}: {name!r} ({why})")
    bad = sum(failed.values())
    print(f"# {' '.join(['python', *sys.argv])}")
    print(f"people (persons and organisations) of {len(gold)} articles of {args.gold}: {total}")
    print(f"trusted (distinct, a name, not a place, not a headline, the right kind): "
          f"{total - bad} = {(total - bad) / total:.3f}" if total else "no people")
    for why, n in failed.most_common():
        print(f"  {why}: {n}")
    if args.show:
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
