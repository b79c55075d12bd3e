#!/usr/bin/env python3
"""Seeded fuzzing of the extraction: crashes, failed records, hangs and broken invariants.

    .venv/bin/python benchmarks/fuzz.py [--seed 10] [-n 10000] [--hang 10] [--json OUT] [--save DIR]

Generates ``n`` texts from one seed, in four families:

* ``marks``: random Unicode heavy in quotation marks, dashes, colons and line breaks,
  with words, names, cue verbs and any code point (controls, NUL, surrogate-free planes);
* ``articles``: short news articles written for this script (every quotation style
  the extraction knows), mutated: characters deleted, repeated, swapped, replaced by
  marks, dashes or colons; paragraphs joined, repeated, shuffled; marks straightened;
* ``pathological``: thousands of marks, one endless word or paragraph, only line
  breaks, deep nesting, 5,000 cues, glued colons and marks, zero-width characters;
* ``jsonl``: lines of bytes (bad UTF-8, lone surrogates, other charsets, broken JSON)
  read through the input layer, which must yield an article or a one-line error.

Each text goes through ``Extractor.extract_many`` (in batches, as the command line
does) with a per-article time limit of ``--hang`` seconds. Counted: **crashes** (an
exception out of the extractor or the input layer), **failed records** (a record
with ``error``; a time-out counts as a **hang** instead), **invariant violations**
(``quotegraph.invariants``: spans inside the text, ``speaker_text`` equal to its
span, direct quotes inside marks) and, on every 10th text, **reruns that differ**.
Prints one line per family and a total; ``--json`` writes the figures (read by
``benchmarks/reliability.py``); ``--save DIR`` writes each failing input to a file.
Exit code 1 when anything was found.
"""
from __future__ import annotations

import argparse
import json
import random
import shlex
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

QUOTES = "“”„«»‹›‘’‚\"'`"
DASHES = "‒–—―-‐‑"
COLONS = ":：;"
SPACES = " \n\n\t\u00a0\u200b\u2028\r"
WORDS = ("said", "says", "told", "added", "according to", "warned", "the", "minister", "he", "she", "they",
         "Mr", "Ms.", "Dr.", "that", "and", "not", "We", "will", "win", "I", "it", "statement", "tweeted")
NAMES = ("Ann Poole", "Tom Reed", "Helen Marlow", "Sergey Lavrov", "Boris Johnson", "O'Neill",
         "Jean-Luc Picard", "Li Wei", "María José Núñez", "al-Sayed", "Reed", "Poole")

# short articles written for this script (no copyrighted text): every quotation style
ARTICLES = [
    "Council approves bridge\n\nBy Jane Smith\n\nThe council approved the new bridge on Monday.\n\n"
    "“We will build it by May,” said Ann Poole, the council leader. “It is long overdue.”\n\n"
    "Tom Reed, who chairs the transport committee, said the cost would be lower than feared.\n\n"
    "“Nobody wants another delay,” he told reporters.\n\n(Photo: Jane Smith/Gazette)",
    "Helen Marlow: “The school needs a new roof.”\n\nThe head teacher said: “We have waited ten years.”\n\n"
    "According to the council, repairs will start in June. Parents welcomed the “long-awaited” decision.",
    "Minister warns of cuts\n\nThe minister warned that spending would fall, adding that “hard choices” lay ahead.\n\n"
    "„Wir schaffen das“, sagte sie. «Nous verrons», a-t-il répondu.\n\n"
    "‘It’s not over,’ said Mr O'Neill. ‘Not by a long way.’\n\n— Reuters",
    "\"This is a great day,\" Sergey Lavrov said in Moscow. \"We are ready to talk.\"\n\n"
    "Boris Johnson replied: 'We have heard that before.' He added that talks would continue.\n\n"
    "“The talks,” Lavrov said, “will go on until there is an agreement.”\n\n"
    "“Both men want a deal,” one diplomat said. “But neither will say so.”",
    "Statement\n\nThe company released the following statement:\n\n“We regret the error and apologise.”\n\n"
    "Ann Poole, The Daily Post: “We will keep asking questions.”\n\nReed: ‘Trust Us on the Budget’\n\n"
    "“It’s fine” ― Tom Reed\n\nShe says “nothing will change until the vote”.",
    "Residents said they were worried. “Our houses flood every winter,” said one, who asked not to be named.\n\n"
    "“We can’t go on like this.\n\n“Something has to change,” she said.\n\n"
    "Officials, speaking on condition of anonymity, said a plan was being drawn up.",
]


@dataclass
class Tally:
    inputs: int = 0
    crashes: int = 0
    failed: int = 0
    hangs: int = 0
    violations: int = 0
    reruns: int = 0
    rerun_diffs: int = 0
    chars: int = 0
    quotes: int = 0
    seconds: float = 0.0
    examples: list = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for k in ("inputs", "crashes", "failed", "hangs", "violations", "reruns", "rerun_diffs", "chars",
                  "quotes", "seconds"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.examples += other.examples

    @property
    def bad(self) -> int:
        return self.crashes + self.failed + self.hangs + self.violations + self.rerun_diffs


# --- generators ---------------------------------------------------------------------------

def any_char(rng: random.Random) -> str:
    while True:
        c = chr(rng.choice((rng.randrange(0x20, 0x250), rng.randrange(0, 0x20), rng.randrange(0x2000, 0x2070),
                            rng.randrange(0x300, 0x370), rng.randrange(0x590, 0x700), rng.randrange(0x1F300, 0x1F6FF),
                            rng.randrange(0x4E00, 0x4F00), rng.randrange(0xFE00, 0xFFFF))))
        if not 0xD800 <= ord(c) <= 0xDFFF:
            return c


# marks_text's pieces: (upper bound of a uniform draw, what to pick from); past the last, any character
MARK_POOLS = ((0.22, QUOTES), (0.32, DASHES), (0.42, COLONS), (0.55, SPACES), (0.72, WORDS), (0.82, NAMES),
              (0.9, ",.?!()[]…"))


def marks_text(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randrange(1, 80)):
        r = rng.random()
        pool = next((pool for bound, pool in MARK_POOLS if r < bound), None)
        out.append(rng.choice(pool) if pool is not None else any_char(rng))
        if rng.random() < 0.5:
            out.append(" ")
    return "".join(out)


def mutate(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randrange(1, 12)):
        if not chars:
            chars = list(rng.choice(ARTICLES))
        i = rng.randrange(len(chars))
        op = rng.randrange(9)
        if op == 0:
            del chars[i:i + rng.randrange(1, 20)]
        elif op == 1:
            chars[i:i] = chars[i:i + rng.randrange(1, 40)]
        elif op == 2:
            chars[i] = rng.choice(QUOTES + DASHES + COLONS)
        elif op == 3:
            chars.insert(i, rng.choice(QUOTES + DASHES + COLONS + "\n"))
        elif op == 4:
            j = rng.randrange(len(chars))
            chars[i], chars[j] = chars[j], chars[i]
        elif op == 5:
            chars.insert(i, any_char(rng))
        elif op == 6:
            s = "".join(chars)
            paras = s.split("\n\n")
            rng.shuffle(paras) if rng.random() < 0.5 else paras.insert(rng.randrange(len(paras) + 1), rng.choice(paras))
            chars = list(("\n\n" if rng.random() < 0.7 else " ").join(paras))
        elif op == 7:
            s = "".join(chars).translate(str.maketrans("“”‘’„«»", "\"\"''\"\"\""))
            chars = list(s)
        else:
            chars[i:i] = list(rng.choice(NAMES) + rng.choice([":“", ":\"", " —", ": ‘", ",“"]))
    return "".join(chars)


def article_text(rng: random.Random) -> str:
    text = rng.choice(ARTICLES)
    if rng.random() < 0.3:
        text = "\n\n".join(rng.sample(ARTICLES, rng.randrange(2, 4)))
    return mutate(rng, text)


def pathological(rng: random.Random, k: int) -> str:
    n = rng.randrange(100, 3000)
    kinds = [
        lambda: rng.choice(QUOTES) * n,
        lambda: "".join(rng.choice(QUOTES) for _ in range(n)),
        lambda: "x" * (n * 10),
        lambda: ("word " * n).strip(),
        lambda: "\n" * n,
        lambda: " " * n + "“",
        lambda: "“" * 50 + "deep" + "”" * 50,
        lambda: "“a ‘b “c ‘d “e” f’ g” h’ i”" * (n // 20),
        lambda: "said " * n,
        lambda: ("Ann Poole said: “" * (n // 10)),
        lambda: "n:“‒" * (n // 4),
        lambda: ":" * n + "“",
        lambda: "— " * n,
        lambda: "\u200b".join("He said “yes”.") * 20,
        lambda: "".join(chr(rng.randrange(0, 32)) for _ in range(n)),
        lambda: "\x00" * 10 + "“Hi,” she said.",
        lambda: ". " * n,
        lambda: "“" + "Long quote without end. " * (n // 5),
        lambda: ("“Yes,” he said.\n" * (n // 10)),
        lambda: "Mr. " * n + "said “no”.",
        lambda: "(" * n + "“x”" + ")" * n,
        lambda: "\r\n".join(["“A,” Ann Poole said."] * 50),
        lambda: "‘’" * n,
        lambda: "I " * n + "said “so”.",
    ]
    return kinds[k % len(kinds)]()


def jsonl_line(rng: random.Random) -> bytes:
    text = rng.choice(ARTICLES)[:rng.randrange(10, 300)]
    kinds = [
        lambda: json.dumps({"id": "x", "text": text}).encode(),
        lambda: b'{"id": "x", "text": "a \\ud800 b ' + text.encode("ascii", "ignore")[:50].replace(b'"', b"") + b'"}',
        lambda: b'{"id": "x", "text": "\\udfff\\ud83d"}',
        lambda: json.dumps({"id": "x", "text": text}, ensure_ascii=False).encode("cp1252", "replace"),
        lambda: bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))),
        lambda: json.dumps({"id": "x", "text": text}).encode()[:rng.randrange(1, 40)],
        lambda: json.dumps({"id": [1], "text": text}).encode(),
        lambda: json.dumps({"id": "x", "text": text, "meta": {"\ud800": "\udc00"}}).encode(),
        lambda: b"\xef\xbb\xbf" + json.dumps({"text": text}).encode(),
        lambda: json.dumps({"id": "x", "text": "\x00" + text}).encode(),
    ]
    return kinds[rng.randrange(len(kinds))]()


# --- running -------------------------------------------------------------------------------

def run_texts(extractor, family: str, texts: list[str], hang: float, rerun_every: int, keep: int) -> Tally:
    from quotegraph.invariants import violations
    from quotegraph.limits import Limits
    from quotegraph.record import Article
    limits = Limits(seconds=hang)
    t = Tally()
    start = time.perf_counter()
    arts = [Article(id=f"{family}-{i}", text=x) for i, x in enumerate(texts)]
    try:
        records = list(extractor.extract_many(arts, limits))
    except Exception as e:  # a crash: the whole batch is lost
        t.inputs += len(arts)
        t.crashes += 1
        t.examples.append({"family": family, "kind": "crash", "error": f"{type(e).__name__}: {e}",
                           "text": texts[0][:keep]})
        return t
    for i, (art, rec) in enumerate(zip(arts, records)):
        t.inputs += 1
        t.chars += len(art.text)
        t.quotes += len(rec.quotes)
        if rec.error:
            hung = "time limit" in rec.error
            t.hangs += hung
            t.failed += not hung
            t.examples.append({"family": family, "kind": "hang" if hung else "failed", "error": rec.error,
                               "text": art.text[:keep]})
            continue
        v = violations(rec)
        if v:
            t.violations += 1
            t.examples.append({"family": family, "kind": "violation", "error": v[0], "text": art.text[:keep]})
        if rerun_every and i % rerun_every == 0:
            t.reruns += 1
            again = next(extractor.extract_many([art], limits))
            first, second = rec.to_dict(), again.to_dict()
            if first != second:
                t.rerun_diffs += 1
                keys = sorted(k for k in set(first) | set(second) if first.get(k, "<none>") != second.get(k, "<none>"))
                t.examples.append({"family": family, "kind": "rerun differs", "error": f"fields {keys}",
                                   "text": art.text[:keep]})
    t.seconds = time.perf_counter() - start
    return t


def run_jsonl(lines: list[bytes], keep: int) -> Tally:
    from quotegraph.inputs import InputError, iter_articles
    from quotegraph.record import Article
    t = Tally()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as d:
        p = Path(d, "fuzz.jsonl")
        p.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n")
        try:
            items = list(iter_articles([p]))
        except Exception as e:
            t.inputs, t.crashes = len(lines), 1
            t.examples.append({"family": "jsonl", "kind": "crash", "error": f"{type(e).__name__}: {e}", "text": ""})
            return t
    t.inputs = len(lines)
    for item in items:
        ok = isinstance(item, InputError) and "\n" not in item.message or isinstance(item, Article)
        if isinstance(item, Article):
            try:
                item.text.encode("utf-8")
                json.dumps(item.meta, ensure_ascii=False).encode("utf-8")
            except (UnicodeError, TypeError, ValueError) as e:
                ok = False
                item = InputError(item.id, f"not writable: {e}")
        if not ok:
            t.failed += 1
            t.examples.append({"family": "jsonl", "kind": "failed", "error": str(item)[:200], "text": ""})
    t.seconds = time.perf_counter() - start
    return t


def generate(seed: int, n: int) -> dict[str, list]:
    """The inputs of one seed: ``n`` in all, spread over the families."""
    rng = random.Random(seed)
    shares = {"marks": 0.45, "articles": 0.35, "pathological": 0.05, "jsonl": 0.15}
    counts = {k: int(n * v) for k, v in shares.items()}
    counts["marks"] += n - sum(counts.values())
    return {
        "marks": [marks_text(rng) for _ in range(counts["marks"])],
        "articles": [article_text(rng) for _ in range(counts["articles"])],
        "pathological": [pathological(rng, k) for k in range(counts["pathological"])],
        "jsonl": [jsonl_line(rng) for _ in range(counts["jsonl"])],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("-n", type=int, default=10_000, help="inputs in all (default 10,000)")
    ap.add_argument("--hang", type=float, default=10.0, help="seconds after which an input counts as a hang")
    ap.add_argument("--rerun-every", type=int, default=10, help="rerun every Nth text and compare (0: never)")
    ap.add_argument("--json", help="write the figures here as JSON")
    ap.add_argument("--save", help="write each failing input to a file in this folder")
    ap.add_argument("--model", help="spaCy pipeline (default: $QUOTEGRAPH_MODEL, else the default)")
    args = ap.parse_args(argv)

    from quotegraph import __version__
    from quotegraph.pipeline import Extractor
    print("# " + shlex.join(["python", *sys.argv]), flush=True)
    inputs = generate(args.seed, args.n)
    extractor = Extractor(args.model)
    total, families = Tally(), {}
    for family, items in inputs.items():
        if family == "jsonl":
            t = run_jsonl(items, 400)
        else:
            t = Tally()
            for k in range(0, len(items), 64):
                t.add(run_texts(extractor, family, items[k:k + 64], args.hang, args.rerun_every, 2000))
        families[family] = t
        total.add(t)
        print(f"{family:13} {t.inputs:6} inputs {t.chars:10,} chars {t.quotes:6} quotes  crashes {t.crashes}  "
              f"failed {t.failed}  hangs {t.hangs}  violations {t.violations}  "
              f"reruns differing {t.rerun_diffs}/{t.reruns}  {t.seconds:.1f} s", flush=True)
    print(f"{'total':13} {total.inputs:6} inputs: {total.crashes} crashes, {total.failed} failed records, "
          f"{total.hangs} hangs, {total.violations} invariant violations, "
          f"{total.rerun_diffs} of {total.reruns} reruns differing ({total.seconds:.0f} s)")
    for ex in total.examples[:20]:
        print(f"  {ex['family']} {ex['kind']}: {ex['error']} <- {ex['text'][:120]!r}")
    if args.save and total.examples:
        out = Path(args.save)
        out.mkdir(parents=True, exist_ok=True)
        for i, ex in enumerate(total.examples):
            (out / f"{i:04d}-{ex['family']}-{ex['kind'].replace(' ', '-')}.txt").write_text(
                ex["text"], encoding="utf-8", errors="surrogatepass")
    if args.json:
        result = {"seed": args.seed, "n": args.n, "hang_seconds": args.hang, "version": __version__,
                  "model": extractor.model, "date": time.strftime("%Y-%m-%d"),
                  "families": {k: {f: getattr(v, f) for f in ("inputs", "crashes", "failed", "hangs", "violations",
                                                                "reruns", "rerun_diffs", "chars", "quotes")}
                               | {"seconds": round(v.seconds, 1)} for k, v in families.items()},
                  "examples": total.examples[:50]}
        Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if total.bad else 0


if __name__ == "__main__":
    sys.exit(main())
