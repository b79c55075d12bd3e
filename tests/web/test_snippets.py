"""A search result's quote in its sentence, its words marked: plain data."""
from concurrent.futures import ThreadPoolExecutor

from quotegraph.store.search_syntax import parse
from quotegraph.web.snippets import AROUND, snippet

TEXT = ("Flooding closed the road.\nThe council met on Friday. “We are raising the walls by a metre,” "
        "said Ines Moreau, who chairs it. Nobody objected.")


def parts(s):
    return ["".join(f"[{t}]" if m else t for t, m in p) for p in (s.before, s.quote, s.after)]


def test_the_quote_in_its_sentence_with_the_words_marked():
    start = TEXT.index("We are")
    end = TEXT.index(",” said")
    s = snippet("unused", parse("wall metres -council"), TEXT[10:], 10, start, end)
    assert parts(s) == ["“", "We are raising the [walls] by a [metre]", ",” said Ines Moreau, who chairs it."]
    s = snippet("unused", parse('"raising the wall"'), TEXT, 0, start, end)
    assert parts(s)[1] == "We are [raising the walls] by a metre"
    s = snippet("unused", parse("Walls", case=True), TEXT, 0, start, end)
    assert parts(s)[1] == "We are raising the walls by a metre"  # as written only
    # no article text (or not the quote's): the quote's words alone
    assert parts(snippet("The walls held.", parse("wall"), "", 0, 3, 9)) == ["", "The [walls] held.", ""]


def test_long_context_is_cut_at_words():
    text = "word " * 200 + "“Yes,” she said " + "and then " * 100 + "stopped."
    start = text.index("Yes")
    s = snippet("", None, text, 0, start, start + 3)
    before, quote, after = parts(s)
    assert quote == "Yes" and before.startswith("…word") and len(before) <= AROUND + 1
    assert after.endswith("then…") and len(after) <= AROUND + 1


def test_stems_from_many_threads():
    """The pages are made in several threads at once: a shared stemmer mixed their words up."""
    import snowballstemmer

    from quotegraph.web.snippets import _stem
    words = [f"{w}{i}ings" for i in range(3000) for w in ("generous", "happy", "nation")]
    want = snowballstemmer.stemmer("english").stemWords(words)
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(_stem, words, chunksize=1)) == want


def test_written_escaped_by_markupsafe():
    from markupsafe import Markup
    text = 'Ed said: “<b>x</b> & <script>alert(1)</script> wall”'
    s = snippet("", parse("script wall"), text, 0, text.index("<b>"), text.index("”"))
    assert str(Markup(s)) == ('Ed said: “<q class="hit-quote">&lt;b&gt;x&lt;/b&gt; &amp; &lt;<mark>script</mark>&gt;'
                              'alert(1)&lt;/<mark>script</mark>&gt; <mark>wall</mark></q>”')
