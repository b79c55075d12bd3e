"""The API's answers: errors as JSON, pages of JSON, whole lists as CSV or JSON downloads."""
from __future__ import annotations

import io
import json
from typing import Any, Iterable, Iterator, Optional

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, StreamingResponse

from .. import csvfile

QUOTE_FIELDS = ["id", "article_id", "idx", "date", "outlet", "type", "kind", "speaker", "person_id", "content",
                "cue", "speaker_name", "speaker_text", "addressee", "confidence", "content_start",
                "content_end", "title", "url"]
ARTICLE_FIELDS = ["id", "date", "outlet", "title", "url", "status", "error", "quote_count",
                  "source_file", "content_hash", "run_id", "ingested_at"]
PEOPLE_FIELDS = ["id", "name", "kind", "quotes", "articles", "first_date", "last_date"]


def error_json(status: int, message: str, headers: Optional[dict] = None) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status,
                        headers=headers)


def _csv_value(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else v


def download(rows: Iterable[dict[str, Any]], fmt: str, name: str,
             columns: Optional[list[str]] = None) -> StreamingResponse:
    """A whole list as a CSV or JSON file, streamed (``excel``: CSV for spreadsheets, :mod:`..csvfile`)."""
    rows = iter(rows)

    def csv_chunks() -> Iterator[str]:
        first = next(rows, None)
        cols = columns or (list(first) if first else [])
        buf = io.StringIO()
        w = csvfile.Writer(buf, fmt == "excel")
        w.writerow(cols)
        n = 0
        for row in ([first] if first is not None else []), rows:
            for r in row:
                w.writerow([_csv_value(r.get(c)) for c in cols])
                n += 1
                if n % 500 == 0:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
        yield buf.getvalue()

    def json_chunks() -> Iterator[str]:
        yield "["
        for i, r in enumerate(rows):
            yield ("\n" if i == 0 else ",\n") + json.dumps(r, ensure_ascii=False, default=str)
        yield "\n]\n"

    media = "application/json" if fmt == "json" else "text/csv; charset=utf-8"
    return StreamingResponse(json_chunks() if fmt == "json" else csv_chunks(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{name}.{fmt.replace("excel", "csv")}"'})


class Json(JSONResponse):
    """JSON written by json.dumps straight away: returning a dict makes FastAPI walk every value
    with jsonable_encoder first (most of a search's time); it still writes what json cannot."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                          default=jsonable_encoder).encode("utf-8")


def page_json(items: list, total: Optional[int], limit: int, offset: int, capped: bool = False,
              **extra) -> Json:
    out = {"ok": True, "total": total, "total_is_lower_bound": capped, "limit": limit,
           "offset": offset, "items": items}
    out.update(extra)
    return Json(out)


FORMAT_HELP = ("csv or json: the whole list as a file (no paging unless limit is given); excel: CSV for "
               "spreadsheets (UTF-8 with a byte-order mark, formulas defused)")
