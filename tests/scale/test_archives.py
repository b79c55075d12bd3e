"""WARC and CSV/TSV inputs: articles, skipped records, and one error per bad record."""
from __future__ import annotations

import gzip

import pytest

from quotegraph.inputs import iter_articles
from quotegraph.record import Article, InputError, Skipped
from quotegraph.scale.archives import read_warc, warc_offsets

from .helpers import STORIES, write_warc


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles(tmp_path, name):
    path = write_warc(tmp_path / name, gz=name.endswith(".gz"))
    items = list(iter_articles([path]))
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in arts] == list(STORIES)
    ports = arts[0]
    assert "“We have found a way to keep the ports open,” said Maria Lopez" in ports.text
    assert "Home" not in ports.text and "Copyright" not in ports.text
    assert ports.meta["url"] == "https://news.example.org/2024/ports"
    assert ports.meta["title"] == "Ports deal agreed"
    assert ports.meta["crawled"] == "2024-05-02T10:00:00Z"
    assert ports.meta["date"].startswith("2024-05-02")
    # warcinfo, 2 requests, the image and the 404 page
    assert items[-1] == Skipped(str(path), 5, "WARC records skipped (not an HTML response with status 2xx)")


def test_warc_page_without_text_is_one_error_and_reading_goes_on(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", gz=True,
                      extra_html={"https://news.example.org/empty": b"<html><body></body></html>"})
    items = list(iter_articles([path]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1
    assert errors[0].source.startswith(f"{path}:record at byte ")
    assert errors[0].source.endswith("(https://news.example.org/empty)")
    assert errors[0].message == "no main text found in this HTML page"
    assert len([i for i in items if isinstance(i, Article)]) == 2


def test_warc_truncated_and_not_a_warc(tmp_path):
    good = write_warc(tmp_path / "c.warc.gz", gz=True)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(good.read_bytes()[:-200])
    items = list(iter_articles([cut]))
    assert isinstance(items[-2], InputError) or isinstance(items[-1], InputError)
    junk = tmp_path / "junk.warc"
    junk.write_text("this is not a web archive\n")
    (err,) = [i for i in iter_articles([junk]) if isinstance(i, InputError)]
    assert err.source == f"{junk}:record 1"
    assert err.message.startswith("not a valid WARC record")
    assert len(list(iter_articles([junk]))) == 1


def test_warc_byte_ranges_partition_the_records(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", gz=True)
    offsets = warc_offsets(path)
    assert len(offsets) == 7 and offsets[0] == 0
    mid = offsets[3]  # the second story's request
    first = [i.id for i in read_warc(path, 0, mid) if isinstance(i, Article)]
    second = [i.id for i in read_warc(path, mid, None) if isinstance(i, Article)]
    assert first + second == list(STORIES) and first and second


def test_csv_and_tsv_with_a_named_text_column(tmp_path):
    p = tmp_path / "feed.csv"
    p.write_text('uuid,body,outlet\n'
                 'a1,"Tom Berg said the talks went well.\nHe smiled.",Gazette\n'
                 ',"“No comment,” said Lopez.",Herald\n'
                 'a3,,Herald\n'
                 'a4,"too",many,fields\n', encoding="utf-8")
    items = list(iter_articles([p], text_key="body", id_key="uuid"))
    assert items == [
        Article("a1", "Tom Berg said the talks went well.\nHe smiled.", {"outlet": "Gazette"}),
        Article("feed-4", "“No comment,” said Lopez.", {"outlet": "Herald"}),
        InputError(f"{p}:5", "empty 'body'"),
        InputError(f"{p}:6", "4 fields where the header has 3"),
    ]
    t = tmp_path / "feed.tsv.gz"
    with gzip.open(t, "wt", encoding="utf-8") as f:
        f.write("id\ttext\nx\tLopez said it was over.\n")
    assert list(iter_articles([t])) == [Article("x", "Lopez said it was over.", {})]


def test_csv_without_the_text_column(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("id,content\n1,hello\n")
    assert list(iter_articles([p])) == [InputError(
        f"{p}:1", "no 'text' column (the columns are: id, content); name the text column with --text-key")]


def test_globs_expand_in_sorted_order(tmp_path):
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(f"Text of {name}.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("Text of d.")
    assert [a.id for a in iter_articles([str(tmp_path / "*.txt")])] == ["a", "b"]
    assert [a.id for a in iter_articles([str(tmp_path / "**" / "*.txt")])] == ["a", "b", "d"]
    assert list(iter_articles([str(tmp_path / "*.nothing")])) == [
        InputError(str(tmp_path / "*.nothing"), "no files match this pattern")]
