"""End to end in Chromium: the search language, marked words, facets, order and the link to the
very quote; the person page's kind filter."""
from __future__ import annotations

import shutil

import pytest

from .conftest import ingest, make_record, serve


@pytest.fixture(scope="module")
def kinds_server(corpus_db, extractor, tmp_path_factory):
    """A live server on a copy of the corpus with a person quoted in three kinds."""
    from quotegraph.web import Settings, create_app
    db = str(tmp_path_factory.mktemp("kinds") / "copy.db")
    shutil.copy(corpus_db, db)
    rec = make_record("ferry-1", [("Lena Ortiz", "The ferry will run every hour.", "direct"),
                                  ("Lena Ortiz", "the ferry would be late", "indirect"),
                                  ("Lena Ortiz", "Is the ferry safe?", "direct")],
                      {"title": "A ferry again", "date": "2024-07-01", "outlet": "Gazette"})
    for q, kind in zip(rec.quotes, ("speech", "belief", "question")):
        q.kind = kind
    ingest(db, [rec], extractor)
    with serve(create_app(Settings(db=db), extractor=extractor)) as url:
        yield url


def search(page, words: str) -> None:
    page.fill("#search-form input[name=q]", words)
    page.click("#search-form button")
    page.wait_for_load_state("load")


def test_search_marks_words_in_context_and_narrows(page, live_server):
    page.goto(f"{live_server}/search")
    search(page, "bridge -build")
    assert page.locator("#result-count b").inner_text() == "2"
    hits = page.locator("#results li")
    assert hits.locator("q.hit-quote").all_inner_texts() == ["the bridge would open in May",
                                                              "The bridge is too expensive."]
    assert hits.first.locator("blockquote").inner_text() == "Anna Berg said that the bridge would open in May."
    assert page.locator("#results mark").all_inner_texts() == ["bridge", "bridge"]
    colour = page.locator("#results mark").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert hits.locator(".badge.kind-speech").count() == 2  # every quote's kind

    # a phrase or a word, case-sensitive
    search(page, '"nobody asked" OR "open in may"')
    assert page.locator("#results mark").all_inner_texts() == ["open in May", "Nobody asked"]
    page.check("#search-form input[name=case]")
    search(page, "nobody")
    assert page.locator("#result-count b").inner_text() == "0"
    search(page, "Nobody")
    assert page.locator("#results q.hit-quote").all_inner_texts() == ["Nobody asked the town."]
    page.uncheck("#search-form input[name=case]")

    # the speakers of the matches, as facets: one click keeps the search to one of them
    search(page, "bridge")
    facets = page.locator("#speaker-facets li")
    assert facets.all_inner_texts() == ["Anna Berg 2", "Tom Hale 1"]
    facets.filter(has_text="Tom Hale").locator("a").click()
    page.wait_for_url("**/search?*person=*")
    assert page.locator("#results q.hit-quote").all_inner_texts() == ["The bridge is too expensive."]
    assert page.locator(".note").inner_text().startswith("Quotes by Tom Hale")

    # best matches first, then to the very quote in its article
    page.goto(f"{live_server}/search?q=bentley")
    page.select_option("#search-form select[name=order]", "relevance")
    page.click("#search-form button")
    page.wait_for_url("**order=relevance*")
    assert page.locator("#results li").count() == 2
    link = page.locator("#results li", has_text="Bentley cars will not cross it.").locator("a.to-quote")
    link.click()
    page.wait_for_url("**/articles/bridge-2#q-1")
    page.wait_for_function("document.querySelector('#article-text .quote.target') !== null")
    assert page.locator("#article-text .quote.target").inner_text() == "Bentley cars will not cross it."


def test_person_page_kind_filter(page, kinds_server):
    page.goto(f"{kinds_server}/search?q=ferry&kind=all")
    assert page.locator("#results .badge.kind-belief").count() == 1
    page.locator("#results a.who").first.click()
    page.wait_for_url("**/people/*")
    assert page.locator("#person-name").inner_text() == "Lena Ortiz"
    assert page.locator("ol.quotes blockquote").count() == 3
    assert page.locator("ol.quotes .badge.kind-question").count() == 1
    page.select_option("#kind-filter select[name=kind]", "belief")
    page.click("#kind-filter button")
    page.wait_for_url("**kind=belief")
    assert page.locator("ol.quotes blockquote").all_inner_texts() == ["the ferry would be late"]
    assert page.locator("#kind-shown").inner_text() == "belief"
    page.select_option("#kind-filter select[name=kind]", "said")
    page.click("#kind-filter button")
    page.wait_for_url("**kind=said")
    assert page.locator("ol.quotes blockquote").all_inner_texts() == ["The ferry will run every hour."]
