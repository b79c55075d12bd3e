"""Archive inputs, streamed: web archives (WARC) and tables (CSV, TSV).

==================  ========================================================
``*.warc(.gz)``     each HTTP response with an HTML content type: its main
                    text by trafilatura; id and ``url`` = the record's
                    WARC-Target-URI, ``crawled`` = its WARC-Date, ``date`` =
                    the page's own date (else the crawl date); every other
                    record (request, metadata, a PDF, an image) is skipped
                    and counted (one :class:`~quotegraph.record.Skipped`
                    per file)
``*.csv, *.tsv``    (also ``.gz``) one article a row; the header names the
                    columns: ``text_key`` the text, ``id_key`` the id (else
                    ``<file stem>-<line number>``), all other columns go
                    into ``meta``
==================  ========================================================

A problem with one record or row is one :class:`~quotegraph.record.InputError`
naming the file and the record number (WARC) or line (CSV), and reading goes
on with the next; a file that cannot be read any further ends with one.
"""
from __future__ import annotations

import csv
import gzip
import io
import sys
import zlib
from pathlib import Path
from typing import Iterator, Optional, Union

from ..messages import first_line
from ..record import Article, InputError, Skipped

Item = Union[Article, InputError, Skipped]
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_archive(path: Path, kind: str, text_key: str = "text", id_key: str = "id") -> Iterator[Item]:
    """The items of a WARC or CSV/TSV file; ``kind`` is its suffix (``.warc.gz``, ``.tsv`` ...)."""
    if kind.startswith(".warc"):
        yield from read_warc(path)
    else:
        yield from read_table(path, text_key, id_key, delimiter="\t" if kind.startswith(".tsv") else ",")


# --- WARC -----------------------------------------------------------------------------------

def _header(headers, name: str) -> Optional[str]:
    value = headers.get_header(name) if headers is not None else None
    return value.strip() if value else None


def read_warc(path: Path, start: int = 0, stop: Optional[int] = None) -> Iterator[Item]:
    """The HTML responses of a WARC file as articles, streamed.

    ``start`` and ``stop`` are byte offsets of record boundaries (see
    :func:`warc_offsets`): only the records that begin in ``[start, stop)``
    are read, so that one large archive can be split among workers.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .pages import page_article

    skipped = 0
    number = 0
    try:
        with open(path, "rb") as f:
            f.seek(start)
            records = ArchiveIterator(f, no_record_parse=False)
            for rec in records:
                if rec.format != "warc":  # warcio reads anything else as an (old) ARC record
                    yield InputError(f"{path}:record {number + 1}", "not a valid WARC record "
                                     "(no WARC/1.x header); the rest of the file is not read")
                    return
                ctype = (_header(rec.http_headers, "Content-Type") or "").split(";")[0].strip().lower()
                status = str(rec.http_headers.get_statuscode() or "") if rec.http_headers else ""
                wanted = rec.rec_type == "response" and ctype in HTML_TYPES and status.startswith("2")
                data, problem = b"", None
                if wanted:
                    try:
                        data = rec.content_stream().read()
                    except (OSError, EOFError, zlib.error, ValueError) as e:
                        problem = f"cannot read the response body ({e})"
                # the offset is known once the record is read (warcio reads to its end)
                offset = records.get_record_offset()  # from the start of the file, even after a seek
                if stop is not None and offset >= stop:
                    break
                number += 1
                if not wanted:
                    skipped += 1
                    continue
                where = f"{path}:record at byte {offset}"
                url = _header(rec.rec_headers, "WARC-Target-URI")
                if not url:
                    yield InputError(where, "response without WARC-Target-URI")
                    continue
                if problem:
                    yield InputError(where, f"{url}: {problem}")
                    continue
                crawled = _header(rec.rec_headers, "WARC-Date")
                meta = {"crawled": crawled} if crawled else {}
                item = page_article(data, url, f"{where} ({url})", url=url, meta=meta)
                if isinstance(item, Article) and "date" not in item.meta and crawled:
                    item.meta["date"] = crawled
                yield item
    except ArchiveLoadFailed as e:
        yield InputError(f"{path}:record {number + 1}", f"not a valid WARC record ({first_line(e)})")
    except (gzip.BadGzipFile, zlib.error, EOFError) as e:
        yield InputError(f"{path}:record {number + 1}", f"broken or truncated compressed data ({e})")
    except OSError as e:
        yield InputError(str(path), f"cannot read: {e.strerror or e}")
    except Exception as e:  # warcio on junk fails in many ways; the rest of the run goes on
        yield InputError(f"{path}:record {number + 1}",
                         f"not a valid WARC record ({type(e).__name__}: {first_line(e)})")
    if skipped:
        yield Skipped(str(path), skipped, "WARC records skipped (not an HTML response with status 2xx)")


def warc_offsets(path: Path) -> list[int]:
    """The byte offsets at which the records of a WARC file begin (its partition points)."""
    from warcio.archiveiterator import ArchiveIterator
    with open(path, "rb") as f:
        records = ArchiveIterator(f)
        out = []
        for _ in records:
            out.append(records.get_record_offset())
        return out


# --- CSV and TSV ------------------------------------------------------------------------------

def read_table(path: Path, text_key: str, id_key: str, delimiter: str = ",") -> Iterator[Item]:
    """One article a row of a CSV or TSV file (gzipped if it ends in .gz), streamed."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    stem = name.rsplit(".", 1)[0]
    csv.field_size_limit(min(sys.maxsize, 2 ** 31 - 1))  # an article may be longer than 128 KB
    # gzip and OS errors: reported by the caller (quotegraph.inputs), as for JSONL
    raw = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")
    with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f, delimiter=delimiter)
        try:
            header = next(rows, None)
        except (csv.Error, UnicodeDecodeError) as e:
            yield InputError(f"{path}:1", f"cannot read the header ({e})")
            return
        if not header:
            yield InputError(str(path), "empty file: no header row")
            return
        header = [h.strip() for h in header]
        if text_key not in header:
            yield InputError(f"{path}:1", f"no '{text_key}' column (the columns are: "
                             f"{', '.join(header)}); name the text column with --text-key")
            return
        yield from _rows(rows, header, str(path), stem, text_key, id_key)


def _rows(rows, header: list[str], source: str, stem: str, text_key: str, id_key: str) -> Iterator[Item]:
    ti = header.index(text_key)
    ii = header.index(id_key) if id_key in header else None
    while True:
        line = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except UnicodeDecodeError as e:
            yield InputError(f"{source}:{line}", f"not UTF-8 text ({e.reason}); the rest of the file is not read")
            return
        except csv.Error as e:
            yield InputError(f"{source}:{line}", f"bad CSV row ({e})")
            continue
        if not row or not any(cell.strip() for cell in row):
            continue
        where = f"{source}:{line}"
        if len(row) != len(header):
            yield InputError(where, f"{len(row)} fields where the header has {len(header)}")
            continue
        text = row[ti].replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            yield InputError(where, f"empty '{text_key}'")
            continue
        id = row[ii].strip() if ii is not None and row[ii].strip() else f"{stem}-{line}"
        meta = {k: v for k, v in zip(header, row) if k not in (text_key, id_key) and v != ""}
        yield Article(id=id, text=text, meta=meta)
