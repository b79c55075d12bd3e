"""Reading articles from text, HTML, JSONL(.gz), folders and stdin."""
import gzip
import io
import json

from quotegraph.inputs import InputError, iter_articles
from quotegraph.record import Article

HTML = """<html><head><title>Ministers meet</title>
<meta property="og:url" content="https://example.com/ministers">
<meta name="date" content="2020-01-02"></head>
<body><nav>Home | World</nav><article><h1>Ministers meet</h1>
<p>The minister said on Tuesday that the plan was working well and would continue
for many more years to come, according to officials who spoke after the meeting.</p>
</article></body></html>"""


def read(*paths, **kw):
    return list(iter_articles([str(p) for p in paths], **kw))


def test_txt_file(tmp_path):
    p = tmp_path / "story-1.txt"
    p.write_text("She said “yes”.\nThen left.\n", encoding="utf-8")
    assert read(p) == [Article(id="story-1", text="She said “yes”.\nThen left.\n", meta={})]


def test_txt_first_line_is_the_title_when_it_looks_like_a_headline(tmp_path):
    text = "Harbour bridge to close for a month\n\nThe council said on Monday that repairs would start soon.\n"
    p = tmp_path / "bridge.txt"
    p.write_text(text, encoding="utf-8")
    assert read(p) == [Article(id="bridge", text=text, meta={"title": "Harbour bridge to close for a month"})]


def test_txt_first_line_that_is_story_is_no_title(tmp_path):
    for i, first in enumerate(["The council met on Monday.", "“We are ready,” the mayor said",
                               "Mayor Ellen Brook told the council:", "Flooding",
                               "A first line far longer than any headline would be " * 4]):
        p = tmp_path / f"s{i}.txt"
        p.write_text(first + "\nThe roads were closed for a day.\n", encoding="utf-8")
        assert read(p)[0].meta == {}, first
    p = tmp_path / "one.txt"
    p.write_text("Harbour bridge to close for a month\n", encoding="utf-8")  # nothing after it
    assert read(p)[0].meta == {}


def test_txt_windows_newlines_and_bom(tmp_path):
    p = tmp_path / "w.txt"
    p.write_bytes("\ufeffLine one.\r\nLine two.".encode("utf-8"))
    assert read(p) == [Article(id="w", text="Line one.\nLine two.")]


def test_txt_not_utf8_is_read_in_its_charset_and_empty(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    quotes = tmp_path / "quotes.txt"
    quotes.write_bytes("“Smart quotes,” he said — naïve café.".encode("cp1252"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert read(bad, quotes, empty) == [
        Article(id="bad", text="café au lait", meta={"charset": "cp1252"}),
        Article(id="quotes", text="“Smart quotes,” he said — naïve café.", meta={"charset": "cp1252"}),
        InputError(str(empty), "empty text"),
    ]


def test_txt_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("He said “hi” to the café owner.".encode("utf-16"))
    assert read(p) == [Article(id="u16", text="He said “hi” to the café owner.", meta={"charset": "utf_16"})]


def test_html_file(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    (art,) = read(p)
    assert art.id == "page"
    assert "The minister said on Tuesday that the plan was working well" in art.text
    assert "Home | World" not in art.text
    assert art.meta == {"title": "Ministers meet", "date": "2020-01-02",
                        "url": "https://example.com/ministers"}


def test_html_without_text(tmp_path):
    p = tmp_path / "blank.htm"
    p.write_text("<html><body></body></html>")
    assert read(p) == [InputError(str(p), "no main text found in this HTML page")]


def test_jsonl_fields_meta_and_default_ids(tmp_path):
    p = tmp_path / "news.jsonl"
    p.write_text(
        json.dumps({"id": "a1", "text": "First.", "source": "wire", "date": "2020"}) + "\n"
        + "\n"
        + json.dumps({"text": "No id."}) + "\n"
        + json.dumps({"id": 7, "text": "Numeric id."}) + "\n",
        encoding="utf-8")
    assert read(p) == [
        Article(id="a1", text="First.", meta={"source": "wire", "date": "2020"}),
        Article(id="news-3", text="No id."),
        Article(id="7", text="Numeric id."),
    ]


def test_jsonl_custom_keys(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"doc": "d1", "body": "Body text.", "text": "ignored"}) + "\n")
    assert read(p, text_key="body", id_key="doc") == [
        Article(id="d1", text="Body text.", meta={"text": "ignored"})]


def test_jsonl_bad_lines_are_errors_and_the_rest_continue(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "ok1", "text": "Fine."}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "x", "body": "no text field"}),
        json.dumps({"id": "y", "text": 42}),
        json.dumps({"id": ["z"], "text": "list id"}),
        json.dumps({"id": "e", "text": ""}),
        json.dumps({"id": "ok2", "text": "Also fine."}),
    ]) + "\n")
    f = str(p)
    assert read(p) == [
        Article(id="ok1", text="Fine."),
        InputError(f"{f}:2", "invalid JSON (Expecting property name enclosed in double quotes at column 2)"),
        InputError(f"{f}:3", "expected a JSON object, got an array"),
        InputError(f"{f}:4", "no 'text' field"),
        InputError(f"{f}:5", "'text' is a number, not a string"),
        InputError(f"{f}:6", "'id' is an array, not a string"),
        InputError(f"{f}:7", "empty text"),
        Article(id="ok2", text="Also fine."),
    ]


def test_jsonl_bad_utf8_line_read_in_its_charset(tmp_path):
    p = tmp_path / "u.jsonl"
    p.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "ok"}\n{"id": "c", "text": "na\xefve"}\n')
    assert read(p) == [Article(id="a", text="café", meta={"charset": "cp1252"}),
                       Article(id="b", text="ok"),
                       Article(id="c", text="naïve", meta={"charset": "cp1252"})]


def test_jsonl_lone_surrogate_becomes_replacement_character(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text('{"id": "x", "text": "a \\ud800 b", "by": "\\udfff"}\n'
                 '{"id": "pair", "text": "ok \\ud83d\\ude00"}\n', encoding="utf-8")
    assert read(p) == [Article(id="x", text="a \ufffd b", meta={"by": "\ufffd"}),
                       Article(id="pair", text="ok \U0001F600")]


def test_jsonl_json_messages_ending_in_at_say_it_once(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_bytes(b'{"id": "a", "text": "x\x01y"}\n{"id": "b", "text": "unterminated}')
    assert read(p) == [InputError(f"{p}:1", "invalid JSON (Invalid control character at column 23)"),
                       InputError(f"{p}:2", "invalid JSON (Unterminated string starting at column 21)")]


def test_jsonl_gz(tmp_path):
    p = tmp_path / "dev.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"text": "Zipped."}) + "\n")
    assert read(p) == [Article(id="dev-1", text="Zipped.")]


def test_broken_gz(tmp_path):
    p = tmp_path / "broken.jsonl.gz"
    p.write_bytes(b"this is not gzip")
    assert read(p) == [InputError(str(p), "not a valid gzip file")]


def test_jsonl_is_streamed(tmp_path):
    p = tmp_path / "big.jsonl"
    p.write_text("".join(json.dumps({"id": str(i), "text": "x"}) + "\n" for i in range(3)) + "{bad\n")
    it = iter_articles([str(p)])
    assert next(it) == Article(id="0", text="x")  # the bad last line is not read yet


def test_folder_recursive_sorted_and_skipping(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z")
    (tmp_path / "a" / "deep" / "y.txt").write_text("Y")
    (tmp_path / "a" / "x.txt").write_text("X")
    (tmp_path / "a" / "notes.md").write_text("skipped")
    (tmp_path / ".git" / "h.txt").write_text("hidden")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": "C"}) + "\n")
    assert [(a.id, a.text) for a in read(tmp_path)] == [
        ("y", "Y"), ("x", "X"), ("z", "Z"), ("c1", "C")]  # a/deep/y.txt < a/x.txt


def test_empty_folder_is_an_error(tmp_path):
    (tmp_path / "readme.md").write_text("nothing to read")
    (err,) = read(tmp_path)
    assert err == InputError(str(tmp_path),
                             "no .txt, .html, .htm, .warc, .warc.gz, .csv, .tsv, .csv.gz, .tsv.gz, .jsonl or .jsonl.gz files in this folder")


def test_named_file_problems(tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("text")
    missing = tmp_path / "missing.txt"
    good = tmp_path / "good.txt"
    good.write_text("Good.")
    assert read(md, missing, good) == [
        InputError(str(md), "unknown file type (expected .txt, .html, .htm, .warc, .warc.gz, .csv, .tsv, .csv.gz, .tsv.gz, .jsonl or .jsonl.gz)"),
        InputError(str(missing), "no such file or directory"),
        Article(id="good", text="Good."),
    ]


def test_input_error_str():
    assert str(InputError("a.jsonl:3", "invalid JSON")) == "a.jsonl:3: invalid JSON"


def test_stdin_plain_text():
    stdin = io.BytesIO("\nHe said “no”.\nThe end.".encode("utf-8"))
    assert read("-", stdin=stdin) == [Article(id="stdin", text="\nHe said “no”.\nThe end.")]


def test_stdin_jsonl():
    stdin = io.StringIO("\n" + json.dumps({"id": "s1", "text": "One."}) + "\n"
                        + "oops\n" + json.dumps({"text": "Three."}) + "\n")
    assert read("-", stdin=stdin) == [
        Article(id="s1", text="One."),
        InputError("<stdin>:3", "invalid JSON (Expecting value at column 1)"),
        Article(id="stdin-4", text="Three."),
    ]


def test_stdin_empty():
    assert read("-", stdin=io.BytesIO(b"")) == [InputError("<stdin>", "empty text")]
