"""Per-article limits: where a long text is cut, the time limit, the one-line errors."""
import signal
import time

import pytest

from quotegraph.limits import ArticleTimeout, Limits, failure, time_limit, truncation_note


def test_cut_at_a_paragraph_break_else_a_space_else_the_cap():
    assert Limits(max_chars=100).cut("short") == 5
    assert Limits(max_chars=0).cut("x" * 10**6) == 10**6
    text = "a" * 60 + "\n" + "b b" * 30
    assert Limits(max_chars=80).cut(text) == 61
    assert Limits(max_chars=20).cut("word " * 10) == 20
    assert Limits(max_chars=20).cut("x" * 50) == 20


def test_time_limit_raises_in_the_body_and_restores_an_outer_timer():
    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5)
        with pytest.raises(ArticleTimeout):
            with time_limit(0.05):
                time.sleep(1)
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 3 < left < 5
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    with time_limit(0):  # no limit
        time.sleep(0.01)
    assert not fired


def test_one_line_failures():
    assert failure(ValueError("bad\nmore")) == "extraction failed: ValueError: bad"
    assert failure(IndexError()) == "extraction failed: IndexError"
    assert failure(ArticleTimeout("took longer than the time limit of 1 s"), "x") == (
        "extraction failed: took longer than the time limit of 1 s")


def test_truncation_note():
    assert truncation_note({"truncated": {"at": 1000, "length": 250000}}) == (
        "truncated: quotes extracted from the first 1,000 of 250,000 characters (--max-chars)")
    assert truncation_note({}) is None and truncation_note(None) is None
