"""The page parts written in Python (web/fragments.py) escape as Jinja's autoescape does."""
import jinja2
from markupsafe import Markup

from quotegraph.web import fragments

NASTY = ["<script>alert('x')</script>", 'a "b" & c', "plain", "", "é – “quoted”"]


def test_esc_is_markupsafe_escape():
    env = jinja2.Environment(autoescape=True)
    tpl = env.from_string("{{ v }}")
    for v in NASTY + [None, 0, 12345, 1.5, Markup("<b>kept</b>")]:
        assert fragments.esc(v) == tpl.render(v=v)


def test_quote_list_escapes_everything():
    row = {"id": 1, "article_id": "a/b <c>", "idx": 0, "date": "2024-01-02", "outlet": "<Out>",
           "type": "direct", "speaker": "<b>Ann</b>", "person_id": 3, "content": "<script>x</script>",
           "cue": "said <i>", "title": None}
    html = fragments.quote_list([row])
    assert isinstance(html, Markup)
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert '<a href="/articles/a%2Fb%20%3Cc%3E#q-0">a/b &lt;c&gt;</a>' in html  # no title: the id; the quote's anchor
    assert '<a class="who" href="/people/3">&lt;b&gt;Ann&lt;/b&gt;</a>' in html
    assert "&lt;Out&gt;" in html and "said &lt;i&gt;" in html and "<time>2024-01-02</time>" in html
    assert 'class="who"' not in fragments.quote_list([row], show_speaker=False)
    assert '<span class="who">unnamed</span>' in fragments.quote_list([dict(row, person_id=None, speaker=None)])


def test_months_and_co_quoted():
    rows = fragments.month_rows([{"month": "2024-03", "quotes": 1500}, {"month": None, "quotes": 3}])
    assert rows == '<tr><td>2024-03</td><td class="n">1,500</td></tr>\n<tr><td>no date</td><td class="n">3</td></tr>\n'
    assert fragments.co_quoted_items([]) == '<li class="none">Nobody else.</li>\n'
    co = fragments.co_quoted_items([{"id": 7, "name": "<Tom>", "articles": 2}])
    assert '<a href="/people/7">&lt;Tom&gt;</a> <span class="count">2</span>' in co
