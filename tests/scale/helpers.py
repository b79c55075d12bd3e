"""Small web archives and pages written for the tests (our own texts)."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

PAGE = """<html><head><title>{title}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>The meeting in the harbour town lasted for most of the afternoon, and neither side
gave details of the papers that were signed before the delegations left.</p>
</article><footer>Copyright The Harbour Gazette</footer></body></html>"""

STORIES = {
    "https://news.example.org/2024/ports": (
        "Ports deal agreed",
        "“We have found a way to keep the ports open,” said Maria Lopez, the transport minister. "
        "Her counterpart, Tom Berg, told reporters that the agreement would be signed next week."),
    "https://news.example.org/2024/rail": (
        "Rail strike ends",
        "The union leader, Anna Kowalski, said the strike was over. “Our members voted to go back "
        "to work,” she told the crowd outside the station on Monday morning."),
}
FRENCH = ("Le ministre a déclaré mardi que les négociations se poursuivraient la semaine prochaine "
          "et que personne ne devait attendre un accord avant l'été. « Nous n'y sommes pas encore », "
          "a-t-elle dit aux journalistes réunis devant le ministère.")


def page(url: str) -> bytes:
    title, body = STORIES[url]
    return PAGE.format(title=title, body=body).encode("utf-8")


def write_warc(path: Path, gz: bool, extra_html: Optional[dict[str, bytes]] = None) -> Path:
    """A WARC file: a warcinfo record, per story a request and an HTML response,
    an image response and a 404 page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "quotegraph tests"}))

        def response(url: str, body: bytes, ctype: str, status: str = "200 OK"):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": "2024-05-02T10:00:00Z"})
            w.write_record(rec)

        for url in STORIES:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", http_headers=req))
            response(url, page(url), "text/html; charset=utf-8")
        response("https://news.example.org/logo.png", b"\x89PNG....", "image/png")
        response("https://news.example.org/missing", b"<html><body>Not found</body></html>",
                 "text/html", status="404 Not Found")
        for url, body in (extra_html or {}).items():
            response(url, body, "text/html")
    return path
