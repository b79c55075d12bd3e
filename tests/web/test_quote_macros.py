"""The person page's repeated parts (templates/_quotes.html): Jinja macros, autoescaped."""
from markupsafe import Markup

from quotegraph.web import filters


def macros(app):
    """The macros of _quotes.html in the app's own Jinja environment (its filters)."""
    env = app.state.templates.env
    return env.get_template("_quotes.html").module


def test_quote_list_escapes_everything(app):
    m = macros(app)
    row = {"id": 1, "article_id": "a/b <c>", "idx": 0, "date": "2024-01-02", "outlet": "<Out>",
           "type": "direct", "speaker": "<b>Ann</b>", "person_id": 3, "content": "<script>x</script>",
           "cue": "said <i>", "title": None, "kind": "speech"}
    html = str(m.quote_list([row]))
    assert "<script>" not in html and "<blockquote>&lt;script&gt;x&lt;/script&gt;</blockquote>" in html
    assert '<a href="/articles/a%2Fb%20%3Cc%3E#q-0">a/b &lt;c&gt;</a>' in html  # no title: the id; the quote's anchor
    assert '<a class="who" href="/people/3">&lt;b&gt;Ann&lt;/b&gt;</a> · <span class="badge direct">direct</span>' in html
    assert " · <span class=\"cue-word\">said &lt;i&gt;</span>" in html
    assert " · &lt;Out&gt; · <time>2024-01-02</time>" in html
    assert "kind-" not in html  # speech: no badge of its kind
    assert 'class="who"' not in str(m.quote_list([row], show_speaker=False))
    assert '<span class="who">unnamed</span>' in str(m.quote_list([dict(row, person_id=None, speaker=None)]))
    belief = str(m.quote_list([dict(row, kind="belief", cue=None, outlet=None)]))
    assert '<span class="badge kind-belief">belief</span>' in belief and "cue-word" not in belief


def test_months_and_co_quoted(app):
    m = macros(app)
    rows = str(m.month_rows([{"month": "2024-03", "quotes": 1500}, {"month": None, "quotes": 3}]))
    assert rows == '<tr><td>2024-03</td><td class="n">1,500</td></tr>\n<tr><td>no date</td><td class="n">3</td></tr>\n'
    assert str(m.co_quoted_items([])) == '<li class="none">Nobody else.</li>\n'
    co = str(m.co_quoted_items([{"id": 7, "name": "<Tom>", "articles": 2}]))
    assert co == '<li><a href="/people/7">&lt;Tom&gt;</a> <span class="count">2</span></li>\n'


def test_filters():
    assert filters.seg("a/b c") == "a%2Fb%20c"
    assert filters.http_url("javascript:alert(1)") is None and filters.http_url("https://x.org/") == "https://x.org/"
    assert filters.num(1234567) == "1,234,567" and filters.num(None) == "" and filters.num(Markup("<b>")) == "<b>"
    assert filters.safe_name("a/b c.html") == "a_b_c.html"
