"""End to end in Chromium: quote anchors, the article page's quote filters, corrections made in
the pages (with the write token)."""
from __future__ import annotations

import shutil

import pytest

from .conftest import TOKEN, serve


@pytest.fixture(scope="module")
def writable_server(corpus_db, extractor, tmp_path_factory):
    """A live server with a write token, on a copy of the corpus."""
    from quotegraph.web import Settings, create_app
    db = str(tmp_path_factory.mktemp("writable") / "copy.db")
    shutil.copy(corpus_db, db)
    with serve(create_app(Settings(db=db, token=TOKEN), extractor=extractor)) as url:
        yield url


def test_person_page_links_to_the_very_quote(page, live_server):
    page.goto(f"{live_server}/search?q=Bentley")
    link = page.locator("ol.quotes li", has_text="Bentley cars will not cross it.").locator("a[href*='#q-']")
    assert link.get_attribute("href") == "/articles/bridge-2#q-1"
    page.set_viewport_size({"width": 1200, "height": 300})  # short: the quote must be scrolled to
    link.click()
    page.wait_for_url("**/articles/bridge-2#q-1")
    quote = page.locator('#article-text .quote[data-q="1"]')
    page.wait_for_function("document.querySelector('#article-text .quote.target') !== null")
    assert "target" in quote.get_attribute("class")
    assert quote.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }")
    assert page.locator("#details").is_visible()
    assert page.locator('#details [data-field="n"]').inner_text() == "#2"
    page.set_viewport_size({"width": 1200, "height": 900})


def test_article_filters_dim_quotes(page, live_server):
    page.goto(f"{live_server}/articles/bridge-2")
    indirect = page.locator("#article-text .quote.indirect").first
    before = indirect.evaluate("e => getComputedStyle(e).borderBottomStyle")
    assert "dim" not in indirect.get_attribute("class") and before != "none"
    page.check("#quote-filter input[name=hide_indirect]")
    assert "dim" in indirect.get_attribute("class")
    assert indirect.evaluate("e => getComputedStyle(e).borderBottomStyle") == "none"  # no dashes
    page.uncheck("#quote-filter input[name=hide_indirect]")
    page.select_option("#quote-filter select[name=min_confidence]", "0.9")
    assert page.locator("#article-text .quote.dim").count() == 0  # all are 0.9
    page.goto(f"{live_server}/articles/johnson-lavrov")
    page.select_option("#quote-filter select[name=min_confidence]", "0.9")
    low = page.locator("#article-text .quote").evaluate_all(
        "els => els.filter(e => parseFloat(e.dataset.confidence) < 0.9).length")
    assert low > 0 and page.locator("#article-text .quote.dim").count() == low


def test_correct_a_speaker_in_the_page(page, writable_server):
    page.goto(f"{writable_server}/articles/bridge-1")
    assert page.locator("#correct-quote").is_hidden()  # inside the closed panel
    page.locator('#article-text .quote[data-q="1"]').click()
    form = page.locator("#correct-quote")
    assert form.is_visible()
    form.locator("input[name=value]").fill("Ivo Kral")
    form.locator("input[name=by]").fill("Jo")
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("button[value=speaker]").click()
    page.wait_for_url("**/articles/bridge-1#q-1")
    page.wait_for_function("document.querySelector('#article-text .quote.target') !== null")
    assert page.locator('#details [data-field="name"]').inner_text() == "Ivo Kral"
    assert "said by Ivo Kral (was Tom Hale)" in page.locator("#article-corrections").inner_text()
    page.goto(f"{writable_server}/corrections")
    row = page.locator("#corrections tbody tr").first
    assert "Jo" in row.inner_text() and "applied" in row.inner_text()
