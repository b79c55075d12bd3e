"""Reading articles: plain text, HTML, JSON Lines (optionally gzipped) and stdin.

:func:`iter_articles` streams :class:`~quotegraph.record.Article` objects from
files, folders and ``-`` (stdin). A problem with one input (a missing file, a
malformed JSONL line, an HTML page without main text) is yielded as an
:class:`InputError` in its place, and reading goes on with the next one, so a
caller can report it on one line and keep processing the rest of the batch.

==================  ========================================================
``*.txt``           one article; id = file name without extension; a headline-like first line is its title
``*.html, *.htm``   main text by ``trafilatura.extract``; title, date and url
                    from trafilatura's metadata go into ``meta``
``*.jsonl(.gz)``    one JSON object a line: ``text_key`` and ``id_key`` name
                    the text and id fields, every other field goes to
                    ``meta``; a missing id becomes ``<file stem>-<line no>``
``*.warc(.gz)``      the HTML responses of a web archive, by trafilatura (see
``*.csv, *.tsv``    :mod:`quotegraph.scale.archives`); CSV/TSV: ``text_key``
                    names the text column
``-``               stdin: JSON Lines if its first non-blank line starts
                    with ``{``, else one plain-text article with id ``stdin``
==================  ========================================================

A name with ``*``, ``?`` or ``[`` that is not a file is a glob pattern (``**``
spans folders). Folders are read recursively in sorted path order; there, files of other types
(and hidden files) are skipped, whereas a file of another type named
explicitly is an error.
"""
from __future__ import annotations

import glob
import gzip
import json
import os
import re
import sys
import zlib
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Optional, Union

from .record import Article, InputError, Skipped

STDIN = "-"
STDIN_NAME = "<stdin>"
ARCHIVES = (".warc", ".warc.gz", ".csv", ".tsv", ".csv.gz", ".tsv.gz")  # read by scale.archives
SUFFIXES = (".txt", ".html", ".htm") + ARCHIVES + (".jsonl", ".jsonl.gz")
GLOB_CHARS = "*?["


Item = Union[Article, InputError, Skipped]


def expand(name: str) -> list[str]:
    """A glob pattern's matches, sorted (``**`` spans folders); any other name as it is."""
    if name == STDIN or os.path.exists(name) or not any(c in name for c in GLOB_CHARS):
        return [name]
    return sorted(glob.glob(name, recursive=True))


def iter_articles(paths: Iterable[Union[str, os.PathLike]], text_key: str = "text",
                  id_key: str = "id", stdin: Optional[IO] = None) -> Iterator[Item]:
    """Articles from ``paths`` (files, folders, ``-``), in order, with errors in place.

    ``stdin`` replaces ``sys.stdin`` for ``-`` (a text or binary stream).
    """
    for raw in paths:
        name = os.fspath(raw)
        matches = expand(name)
        if matches != [name]:
            if not matches:
                yield InputError(name, "no files match this pattern")
            yield from iter_articles(matches, text_key, id_key, stdin)
            continue
        if name == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, text_key, id_key)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _read_folder(path, text_key, id_key)
        elif not path.exists():
            yield InputError(name, "no such file or directory")
        elif _kind(path) is None:
            yield InputError(name, f"unknown file type (expected {_expected()})")
        else:
            yield from _read_file(path, text_key, id_key)


def _expected() -> str:
    return ", ".join(SUFFIXES[:-1]) + " or " + SUFFIXES[-1]


def _kind(path: Path) -> Optional[str]:
    """The known suffix that ``path`` ends with (case-insensitive), or None."""
    low = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if low.endswith(suffix) and len(low) > len(suffix):
            return suffix
    return None


def _stem(path: Path) -> str:
    kind = _kind(path)
    return path.name[: len(path.name) - len(kind)] if kind else path.stem


def folder_files(folder: Path) -> list[Path]:
    """The files of a folder that are read as articles, in the order they are read."""
    found = []
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            p = Path(root, f)
            if not f.startswith(".") and _kind(p) is not None:
                found.append(p)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _read_folder(folder: Path, text_key: str, id_key: str) -> Iterator[Item]:
    found = folder_files(folder)
    if not found:
        yield InputError(str(folder), f"no {_expected()} files in this folder")
        return
    for p in found:
        yield from _read_file(p, text_key, id_key)


def _read_file(path: Path, text_key: str, id_key: str) -> Iterator[Item]:
    kind = _kind(path)
    try:
        if kind == ".txt":
            yield _read_txt(path)
        elif kind in (".html", ".htm"):
            yield _read_html(path)
        elif kind in ARCHIVES:
            from .scale.archives import read_archive
            yield from read_archive(path, kind, text_key, id_key)
        elif kind == ".jsonl":
            with open(path, "rb") as f:
                yield from _read_jsonl(f, str(path), _stem(path), text_key, id_key)
        else:  # .jsonl.gz
            with gzip.open(path, "rb") as f:
                yield from _read_jsonl(f, str(path), _stem(path), text_key, id_key)
    except (gzip.BadGzipFile, zlib.error):
        yield InputError(str(path), "not a valid gzip file")
    except EOFError:
        yield InputError(str(path), "gzip file is truncated")
    except OSError as e:
        yield InputError(str(path), f"cannot read: {e.strerror or e}")


def _decode(data: bytes, source: str, guess: Optional[list[str]] = None) -> Union[tuple[str, Optional[str]], InputError]:
    """``(text, charset)``: UTF-8 (charset None), else the charset charset-normalizer
    finds (tried first: the charsets in ``guess``, where a found one is added)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        bad = e.start
    for enc in guess or ():
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    found = _detect(data)
    if found is None:
        return InputError(source, f"not UTF-8 and no other charset fits (bad byte at offset {bad})")
    if guess is not None:
        guess.insert(0, found[1])
    return found


# English news: of the charsets that fit a text equally well, Windows-1252 wins
# (charset-normalizer ranks equal matches by name: "café" would be read as cp1006,
# "naïve" as cp1250's "naďve"); otherwise charset-normalizer's best match
PREFERRED_CHARSET = "cp1252"


def _detect(data: bytes) -> Optional[tuple[str, str]]:
    """``(text, charset)`` by charset-normalizer, ties going to :data:`PREFERRED_CHARSET`; or None."""
    from charset_normalizer import from_bytes
    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    if any(PREFERRED_CHARSET in m.could_be_from_charset for m in results
           if (m.chaos, m.coherence) == (best.chaos, best.coherence)):
        try:
            return data.decode(PREFERRED_CHARSET), PREFERRED_CHARSET
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(value: Any) -> Any:
    """``value`` with every lone surrogate (JSON's ``"\\ud800"`` not part of a pair, which
    no UTF-8 text can hold) replaced by U+FFFD, as a decoder does with a bad byte:
    the text keeps its length, so offsets stay the same."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_valid_unicode(v) for v in value]
    if isinstance(value, dict):
        return {_valid_unicode(k): _valid_unicode(v) for k, v in value.items()}
    return value


def _article(id: str, text: str, source: str, meta: Optional[dict] = None) -> Item:
    if not text.strip():
        return InputError(source, "empty text")
    return Article(id=id, text=text, meta=meta or {})


def _read_txt(path: Path) -> Item:
    decoded = _decode(path.read_bytes(), str(path))
    if isinstance(decoded, InputError):
        return decoded
    text, charset = decoded
    text = _newlines(text)
    meta = _charset_meta(charset)
    title = headline(text)
    if title:
        meta["title"] = title
    return _article(_stem(path), text, str(path), meta)


HEADLINE_MAX = 150  # characters


def headline(text: str) -> Optional[str]:
    """The first line of a plain-text article when it looks like a headline: short, more text
    after it, and not a sentence of the story (it ends with no full stop, comma, colon or
    quotation mark, and opens with no quotation mark). The text itself is left as it is."""
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not first or not rest.strip() or len(first) > HEADLINE_MAX or len(first.split()) < 2:
        return None
    if first[-1] in ".,;:\"'”’»)" or first[0] in "\"'“‘«„-–—":
        return None
    return first


def _charset_meta(charset: Optional[str]) -> dict[str, str]:
    """The meta of a text read in another charset than UTF-8: that charset."""
    return {"charset": charset} if charset else {}


def _newlines(text: str) -> str:
    """Universal newlines, as Python's text mode would read them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_html(path: Path) -> Item:
    from .scale.pages import page_article
    return page_article(path.read_bytes(), _stem(path), str(path))


def _read_jsonl(lines: Iterable[bytes], source: str, stem: str, text_key: str,
                id_key: str, first_line: int = 1) -> Iterator[Item]:
    guess: list[str] = []  # the charset of earlier lines that were not UTF-8
    for lineno, raw in enumerate(lines, first_line):
        where = f"{source}:{lineno}"
        decoded = _decode(raw, where, guess)
        if isinstance(decoded, InputError):
            yield decoded
            continue
        line, charset = decoded
        if not line.strip():
            continue
        item = _from_json(line, where, f"{stem}-{lineno}", text_key, id_key)
        if charset and isinstance(item, Article):
            item.meta.update(_charset_meta(charset))
        yield item


def json_problem(e: json.JSONDecodeError) -> str:
    """``invalid JSON (MESSAGE at column N)``: json's messages that end in "at" (``Invalid control
    character at``, ``Unterminated string starting at``) say it once."""
    return f"invalid JSON ({e.msg.removesuffix(' at')} at column {e.colno})"


def _from_json(line: str, where: str, default_id: str, text_key: str, id_key: str) -> Item:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return InputError(where, json_problem(e))
    if not isinstance(obj, dict):
        return InputError(where, f"expected a JSON object, got {_json_type(obj)}")
    if "\\u" in line:
        obj = _valid_unicode(obj)
    if text_key not in obj:
        return InputError(where, f"no '{text_key}' field")
    text = obj[text_key]
    if not isinstance(text, str):
        return InputError(where, f"'{text_key}' is {_json_type(text)}, not a string")
    id = obj.get(id_key)
    if id is None:
        id = default_id
    elif isinstance(id, bool) or not isinstance(id, (str, int, float)):
        return InputError(where, f"'{id_key}' is {_json_type(id)}, not a string")
    meta = {k: v for k, v in obj.items() if k not in (text_key, id_key)}
    return _article(str(id), text, where, meta)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _read_stdin(stream: IO, text_key: str, id_key: str) -> Iterator[Item]:
    lines = _byte_lines(stream)
    head: list[bytes] = []
    for raw in lines:
        head.append(raw)
        if raw.strip():
            break
    first = head[-1].lstrip() if head else b""
    if first.startswith((b"{", b"\xef\xbb\xbf{")):
        yield from _read_jsonl(_chain(head, lines), STDIN_NAME, "stdin", text_key, id_key)
        return
    decoded = _decode(b"".join(head) + b"".join(lines), STDIN_NAME)
    if isinstance(decoded, InputError):
        yield decoded
        return
    text, charset = decoded
    yield _article("stdin", _newlines(text), STDIN_NAME, _charset_meta(charset))


def _byte_lines(stream: IO) -> Iterator[bytes]:
    """The lines of a text or binary stream, as bytes (read through ``.buffer`` if any)."""
    for line in getattr(stream, "buffer", stream):
        yield line if isinstance(line, bytes) else line.encode("utf-8")


def _chain(head: list[bytes], rest: Iterable[bytes]) -> Iterator[bytes]:
    yield from head
    yield from rest
