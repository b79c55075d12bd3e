"""An article's text as HTML: well-formed nesting of overlapping marks, escaping, captions."""
from __future__ import annotations

from html.parser import HTMLParser

from quotegraph.quotemarks import find_stretches
from quotegraph.web.highlight import (Mark, QuoteView, assign_colours, marks_for, render_article,
                                      render_span)


class Tree(HTMLParser):
    """Checks that tags nest and collects (tag, attrs, text) of every element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.elements, self.text = [], [], ""

    def handle_starttag(self, tag, attrs):
        self.stack.append([tag, dict(attrs), ""])

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        el = self.stack.pop()
        self.elements.append(tuple(el))

    def handle_data(self, data):
        self.text += data
        for el in self.stack:
            el[2] += data


def parse(html: str) -> Tree:
    t = Tree()
    t.feed(str(html))
    t.close()
    assert not t.stack
    return t


def test_nested_and_overlapping_marks():
    text = "abcdefghij"
    marks = [Mark(0, 6, 2, "span", {"class": "quote", "data-q": "0"}),
             Mark(3, 9, 1, "span", {"class": "stretch", "data-stretch": "0"}),
             Mark(4, 5, 3, "b", {})]
    html = render_span(text, 0, 10, marks)
    tree = parse(html)
    assert tree.text == text
    quote = ["".join(e[2]) for e in tree.elements if e[1].get("data-q") == "0"]
    stretch = [e[2] for e in tree.elements if e[1].get("data-stretch") == "0"]
    assert "".join(quote) == "abcdef" and "".join(stretch) == "defghi"
    assert len(quote) + len(stretch) == 3  # one of them split in two pieces
    assert [e[2] for e in tree.elements if e[0] == "b"] == ["e"]


def test_equal_spans_nest_by_rank():
    html = render_span("xy", 0, 2, [Mark(0, 2, 3, "i", {}), Mark(0, 2, 1, "b", {})])
    assert html == "<b><i>xy</i></b>"


def test_everything_is_escaped():
    text = 'Eve said: “<script>alert("x")</script> & <img src=x onerror=alert(1)>”'
    q = QuoteView(n=0, type="direct", parts=[(11, len(text) - 1)], cue=(4, 8), speaker=(0, 3),
                  speaker_text="Eve", name="Eve <b>Stone</b>", person_id=7, confidence=0.9)
    assign_colours([q])
    (p,) = render_article(text, [q], [])
    assert "<script" not in p.html and "<img" not in p.html and "<b>Stone" not in p.html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;img" in p.html
    assert 'title="direct quote · Eve &lt;b&gt;Stone&lt;/b&gt; (Eve) · confidence 0.90"' in p.html
    assert parse(p.html).text == text


def test_quote_parts_speaker_and_cue():
    text = "“One,” she said. “Two.”"
    q = QuoteView(n=3, type="direct", parts=[(1, 5), (18, 22)], cue=(11, 15), speaker=(7, 10),
                  speaker_text="she", name="Ann Lee", person_id=12, confidence=0.8)
    speakers = assign_colours([q])
    assert [(s.name, s.person_id, s.colour, s.quotes) for s in speakers] == [("Ann Lee", 12, "c0", [3])]
    (p,) = render_article(text, [q], [])
    tree = parse(p.html)
    assert [e[2] for e in tree.elements if e[1].get("data-q") == "3" and "quote" in e[1]["class"]] == ["One,", "Two."]
    (a,) = [e for e in tree.elements if e[0] == "a"]
    assert (a[1]["href"], a[1]["class"], a[2]) == ("/people/12", "speaker c0", "she")
    assert [e[2] for e in tree.elements if e[1].get("class") == "cue"] == ["said"]
    assert sorted(e[2] for e in tree.elements if "data-stretch" in e[1]) == ["“One,”", "“Two.”"]


def test_colours_per_speaker_and_none_for_unnamed():
    qs = [QuoteView(n=i, type="indirect", parts=[(0, 1)], name=name, person_id=pid)
          for i, (name, pid) in enumerate([("A", 1), ("B", 2), ("A", 1), (None, None), ("C; D", None)])]
    speakers = assign_colours(qs)
    assert [q.colour for q in qs] == ["c0", "c1", "c0", "c-none", "c2"]
    assert [(s.name, s.quotes) for s in speakers] == [("A", [0, 2]), ("B", [1]), ("C and D", [4])]


def test_caption_paragraphs():
    text = "First line.\nA man speaks (Photo: Agency)\nLast line."
    paras = render_article(text, [], [((12, 40), "caption")])
    assert [(str(p.html), p.region) for p in paras] == [
        ("First line.", None), ("A man speaks (Photo: Agency)", "caption"), ("Last line.", None)]
    (p,) = render_article("See the photo (Agency) here.", [], [((14, 22), "credit")])
    assert p.region is None and '<span class="region credit" data-region="credit">(Agency)</span>' in p.html


def test_example_stretches(example_text):
    stretches = [st.outer for st in find_stretches(example_text)]
    assert len(stretches) == 13
    marks = [m for m in marks_for(example_text, [], []) if "data-stretch" in m.attrs]
    assert [(m.start, m.end) for m in marks] == stretches
    html = "".join(str(p.html) for p in render_article(example_text, [], []))
    tree = parse(html)
    assert len({e[1]["data-stretch"] for e in tree.elements if "data-stretch" in e[1]}) == 13
    assert "“Not successfully.”" in [e[2] for e in tree.elements if "data-stretch" in e[1]]
