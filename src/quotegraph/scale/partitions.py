"""Splitting inputs into partitions that workers read on their own.

A :class:`Part` is a file, or a byte range of one: a range of lines of an
uncompressed JSONL file, a range of records of a WARC file (each range
starting on a record boundary). Everything else (text, HTML, CSV/TSV, any
``.gz`` but WARC) is one part per file. :func:`read_part` gives the same
items, with the same ids and the same error locations (``file:line``), as
reading the whole file with :func:`quotegraph.inputs.iter_articles`, so that
a distributed run stores exactly what a local one does.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..inputs import STDIN, _kind, _read_jsonl, _stem, expand, folder_files, iter_articles
from ..record import InputError

PART_RECORDS = 64  # articles (JSONL lines, WARC records) per part


@dataclass(frozen=True)
class Part:
    """A file, or the byte range ``[start, stop)`` of one (``first_line``: the line number at ``start``)."""

    path: str
    start: int = 0
    stop: Optional[int] = None
    first_line: int = 1

    @property
    def label(self) -> str:
        if self.start == 0 and self.stop is None:
            return self.path
        return f"{self.path}[{self.start}:{'' if self.stop is None else self.stop}]"


class PartitionError(Exception):
    """An input that cannot be partitioned (stdin, a name that does not exist)."""


def input_files(paths: Iterable[str]) -> Iterator[str]:
    """Files, folders and glob patterns, as the files they name, in reading order."""
    for raw in paths:
        name = os.fspath(raw)
        if name == STDIN:
            raise PartitionError("-: stdin cannot be distributed; name files instead")
        matches = expand(name)
        if not matches:
            raise PartitionError(f"{name}: no files match this pattern")
        for m in matches:
            p = Path(m)
            if p.is_dir():
                yield from (str(f) for f in folder_files(p))
            elif p.exists():
                yield m
            else:
                raise PartitionError(f"{m}: no such file or directory")


def plan(paths: Iterable[str], part_records: int = PART_RECORDS) -> list[Part]:
    """The parts of the inputs, in reading order."""
    parts: list[Part] = []
    for name in input_files(paths):
        kind = _kind(Path(name))
        if kind == ".jsonl":
            parts.extend(_jsonl_parts(name, part_records))
        elif kind in (".warc", ".warc.gz"):
            parts.extend(_warc_parts(name, part_records))
        else:
            parts.append(Part(name))
    return parts


def _jsonl_parts(name: str, n: int) -> list[Part]:
    parts, start, first, lines, pos, lineno = [], 0, 1, 0, 0, 1
    try:
        with open(name, "rb") as f:
            for line in f:
                pos += len(line)
                lineno += 1
                lines += 1
                if lines >= n:
                    parts.append(Part(name, start, pos, first))
                    start, first, lines = pos, lineno, 0
    except OSError:
        return [Part(name)]  # the reader says what is wrong
    if lines or not parts:
        parts.append(Part(name, start, None, first))
    elif parts:
        last = parts.pop()
        parts.append(Part(name, last.start, None, last.first_line))
    return parts


def _warc_parts(name: str, n: int) -> list[Part]:
    from .archives import warc_offsets
    try:
        offsets = warc_offsets(Path(name))
    except Exception:
        return [Part(name)]  # the reader says what is wrong
    starts = offsets[::n] or [0]
    return [Part(name, s, starts[i + 1] if i + 1 < len(starts) else None)
            for i, s in enumerate(starts)]


def read_part(part: Part, text_key: str = "text", id_key: str = "id") -> Iterator:
    """The items (Article, InputError, Skipped) of one part, as :func:`iter_articles` reads them."""
    path = Path(part.path)
    if part.start == 0 and part.stop is None:
        yield from iter_articles([part.path], text_key=text_key, id_key=id_key)
        return
    kind = _kind(path)
    if kind in (".warc", ".warc.gz"):
        from .archives import read_warc
        yield from read_warc(path, part.start, part.stop)
        return
    try:
        with open(path, "rb") as f:
            f.seek(part.start)
            yield from _read_jsonl(_lines_until(f, part.start, part.stop), str(path), _stem(path),
                                   text_key, id_key, first_line=part.first_line)
    except OSError as e:
        yield InputError(str(path), f"cannot read: {e.strerror or e}")


def _lines_until(f, pos: int, stop: Optional[int]) -> Iterator[bytes]:
    for line in f:
        if stop is not None and pos >= stop:
            return
        pos += len(line)
        yield line
