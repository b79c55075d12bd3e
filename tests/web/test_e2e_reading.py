"""End to end in Chromium: the attention charts (every month shown, people and outlets compared)
and reading on a phone (390 px) or with the keyboard: the quote's panel over the text, a skip
link, dates on one line, article titles that do not run over many lines."""
from __future__ import annotations

import pytest

from .conftest import EXAMPLE_ID, ingest, serve
from .test_charts import gapped_records

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def gapped_server(tmp_path_factory):
    from quotegraph.web import Settings, create_app
    db = str(tmp_path_factory.mktemp("gapped-e2e") / "gapped.db")
    ingest(db, gapped_records(), None)
    with serve(create_app(Settings(db=db))) as url:
        yield url


def test_attention_chart_compares_people_and_outlets(page, gapped_server):
    page.goto(gapped_server)
    chart = page.locator("#attention-chart svg")
    assert chart.get_attribute("role") == "img"
    assert page.locator("#attention-chart-title").text_content() == "Quotes per month, compared"
    labels = chart.locator(".axis text[text-anchor=middle]").all_text_contents()
    assert labels == ["2024-01", "2024-02", "2024-03", "2024-04"]  # March has no quotes and is shown
    assert chart.locator("g.series").evaluate_all("gs => gs.map(g => g.dataset.label)") == ["Mia Park", "Ola Nord"]
    assert chart.locator("polyline").first.evaluate("e => e.getBBox().width") > 300
    # compare the two outlets instead, with the keyboard
    for name in ("Mia Park", "Ola Nord"):
        page.get_by_label(name, exact=True).uncheck()
    page.get_by_label("Gazette", exact=True).check()
    page.get_by_label("Herald", exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_url("**/?outlet=Gazette&outlet=Herald&by=month")
    key = page.locator("#attention-chart .chart-key li").all_inner_texts()
    assert [" ".join(k.split()) for k in key] == ["Gazette 2", "Herald 2"]
    page.locator("#attention-chart summary").click()
    rows = page.locator("#attention-chart-table tbody tr").all_inner_texts()
    assert [r.split("\t") for r in rows] == [["2024-01", "1", "0"], ["2024-02", "0", "1"], ["2024-03", "0", "0"],
                                             ["2024-04", "1", "1"]]


def test_person_chart_and_compare(page, gapped_server):
    page.goto(gapped_server + "/people")
    page.locator("#people a", has_text="Mia Park").click()
    bars = page.locator("#attention-chart rect")
    assert bars.evaluate_all("rs => rs.map(r => [r.dataset.period, r.dataset.value])") == [
        ["2024-01", "1"], ["2024-02", "0"], ["2024-03", "0"], ["2024-04", "2"]]
    assert page.locator("#months tr").count() == 4
    page.fill("#compare-form input[name=compare]", "Ola Nord")
    page.select_option("#compare-form select[name=by]", "week")
    page.click("#compare-form button")
    page.wait_for_url("**compare=Ola+Nord&by=week")
    assert page.locator("#attention-chart polyline").count() == 2
    assert page.locator("#attention-chart-title").text_content() == "Quotes per week: Mia Park, compared"
    assert page.locator("#attention-chart .axis text[text-anchor=middle]").first.text_content() == "2024-01-08"


def test_phone_quote_panel_opens_over_the_text(page, live_server):
    page.set_viewport_size(PHONE)
    try:
        page.goto(f"{live_server}/articles/{EXAMPLE_ID}")
        quote = page.locator("#article-text .quote").last
        quote.scroll_into_view_if_needed()
        quote.click()
        panel = page.locator("#details")
        assert panel.is_visible()
        box, view = panel.bounding_box(), PHONE["height"]
        assert box["y"] >= 0 and box["y"] + box["height"] <= view and box["width"] <= PHONE["width"]
        q = quote.bounding_box()  # the quote stays in sight, above the panel
        assert q["y"] >= 0 and q["y"] + min(q["height"], 40) <= box["y"]
        page.keyboard.press("Escape")
        assert panel.is_hidden()
        assert page.evaluate("document.activeElement.dataset.q") == quote.get_attribute("data-q")
        page.keyboard.press("Enter")  # the focused quote, opened again from the keyboard
        assert panel.is_visible()
        page.click("#details-close")
        assert panel.is_hidden()
    finally:
        page.set_viewport_size({"width": 1200, "height": 900})


def test_skip_link_to_the_text(page, live_server):
    page.goto(f"{live_server}/articles/{EXAMPLE_ID}")
    skip = page.locator("a.skip")
    assert skip.bounding_box()["y"] < 0  # out of sight until focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip" and skip.bounding_box()["y"] >= 0
    assert skip.inner_text() == "Skip to the text"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "article-text"
    page.keyboard.press("Tab")  # the next stop is in the text (a speaker or a quote), not the menu
    assert page.evaluate("document.activeElement.closest('#article-text') !== null")


def test_phone_lists_dates_and_titles(page, live_server):
    page.set_viewport_size(PHONE)
    try:
        page.goto(f"{live_server}/articles")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        heights = page.locator("#articles time").evaluate_all(
            "ts => ts.filter(t => t.textContent).map(t => t.getBoundingClientRect().height / "
            "parseFloat(getComputedStyle(t).lineHeight))")
        assert heights and max(heights) < 1.5  # one line each
        title = page.locator("#articles td.title", has_text="Johnson and Lavrov")
        lines = title.evaluate("e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)")
        assert lines < 2.5
        page.goto(f"{live_server}/search?q=bridge")
        dates = page.locator("ol.quotes time").evaluate_all(
            "ts => ts.map(t => t.getClientRects().length)")
        assert dates and set(dates) == {1}  # never broken over two lines
    finally:
        page.set_viewport_size({"width": 1200, "height": 900})


@pytest.fixture(scope="module")
def html_page_server(tmp_path_factory, extractor):
    from pathlib import Path

    from quotegraph.inputs import iter_articles
    from quotegraph.store import Store
    from quotegraph.store.ingest import Ingest
    from quotegraph.web import Settings, create_app
    db = str(tmp_path_factory.mktemp("html-page") / "html.db")
    page = Path(__file__).parent.parent / "data" / "html" / "bridge-vote.html"
    with Store(db) as store:
        assert Ingest(store, extractor=extractor).run([("html", a) for a in iter_articles([page])]).ingested == 1
    with serve(create_app(Settings(db=db))) as url:
        yield url


def test_html_page_keeps_author_and_caption(page, html_page_server):
    page.goto(f"{html_page_server}/articles/bridge-vote")
    assert page.locator(".byline .author").inner_text() == "Jo Reporter"
    caption = page.locator("#article-text p.region.caption")
    assert caption.inner_text() == "CAPTION Tom Hale said the old bridge was unsafe for lorries."  # its label, upper case
    assert caption.locator(".quote, .speaker, .cue").count() == 0  # nothing taken from it
    assert caption.evaluate("e => getComputedStyle(e).fontStyle") == "italic"
    assert page.locator("#speakers li").all_inner_texts()[0].split("\n")[0].strip() == "Anna Berg"
