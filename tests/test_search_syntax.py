"""The search language, alone: text in, a query (plain data) out."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.store.search_syntax import (MAX_TERMS, SearchQuery, SearchSyntaxError, Term, parse,
                                            term_pattern)


def groups(q: SearchQuery):
    return [[" ".join(t.words) for t in g] for g in q.groups]


def test_words_phrases_exclusions_or():
    q = parse('Flood barrier "river bank" -Levee OR dam -"sand bags"')
    assert groups(q) == [["flood"], ["barrier"], ["river bank"], ["dam"]]
    assert [" ".join(t.words) for t in q.exclude] == ["levee", "sand bags"]
    q = parse("ferry OR tunnel OR bridge tolls")
    assert groups(q) == [["ferry", "tunnel", "bridge"], ["tolls"]]
    assert groups(parse("ferry | tunnel")) == [["ferry", "tunnel"]]
    assert [str(t) for t in parse("NOT tolls ferry").exclude] == ["tolls"]
    assert str(parse('ferry OR "the tunnel"  -tolls')) == 'ferry OR "the tunnel" -tolls'


def test_case_keeps_words_as_written():
    assert groups(parse("Wall street")) == [["wall"], ["street"]]
    q = parse("Wall street", case=True)
    assert groups(q) == [["Wall"], ["street"]] and q.case


def test_operators_of_the_databases_are_only_separators():
    assert groups(parse("NEAR(bridge town)")) == [["near"], ["bridge"], ["town"]]  # lower-case: a word
    assert groups(parse("bridge* ^town content:mayor")) == [["bridge"], ["town"], ["content mayor"]]
    assert groups(parse("don't a&b bridge<->town")) == [["don t"], ["a b"], ["bridge town"]]
    assert groups(parse("foo_bar")) == [["foo bar"]]  # as the indexes split it
    for empty in ["", "   ", "*", "-", "AND OR NOT", '""', "''", "( )", ":", "OR bridge"[:2]]:
        assert not parse(empty), empty
    assert groups(parse("OR bridge AND")) == [["bridge"]]
    assert groups(parse('"unbalanced phrase here')) == [["unbalanced phrase here"]]
    assert groups(parse("“curly quotes” too")) == [["curly quotes"], ["too"]]


def test_limits():
    parse(" ".join(f"w{i}" for i in range(MAX_TERMS)))
    with pytest.raises(SearchSyntaxError, match="too many"):
        parse(" ".join(f"w{i}" for i in range(MAX_TERMS + 1)))
    with pytest.raises(SearchSyntaxError, match="too long"):
        parse("a" * 5000)


def test_term_pattern_finds_whole_words_and_phrases():
    pat = re.compile(term_pattern([Term(("wall",)), Term(("river", "bank"))]))
    assert pat.search("the wall fell") and pat.search("wall") and pat.search("the river, bank")
    assert not pat.search("Wall Street") and not pat.search("walls") and not pat.search("riverbank")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | st.lists(st.sampled_from(['OR', 'AND', 'NOT', '-', '"', 'Wall', 'x-y', '|'])).map(" ".join),
       st.booleans())
def test_any_text_parses_to_its_own_normal_form(text, case):
    try:
        q = parse(text, case)
    except SearchSyntaxError:
        return
    assert parse(str(q), case) == q
    for t in q.terms + list(q.exclude):
        assert t.words and all(re.fullmatch(r"[^\W_]+", w) for w in t.words)
