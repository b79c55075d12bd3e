"""End to end in a real headless Chromium (Debian's ``chromium``, driven by Playwright for Python).

One server (uvicorn, in a thread, on a free loopback port) and one browser for the whole
session (the fixtures are in conftest.py). Without Chromium these tests are skipped, unless
``$QUOTEGRAPH_REQUIRE_BROWSER`` is set (CI sets it): then they fail. Set
``$QUOTEGRAPH_SCREENSHOT=docs/article-page.png`` to renew the screenshot in the docs.
"""
from __future__ import annotations

import json
import os

from .conftest import EXAMPLE_ID, SCRIPT_ID


def quote_number(page, text: str) -> str:
    quote = page.locator(".quote", has_text=text).first
    return quote.get_attribute("data-q")


def test_article_page(page, live_server, tmp_path):
    page.goto(f"{live_server}/articles/{EXAMPLE_ID}")
    assert page.locator("h1").inner_text() == "Johnson and Lavrov clash over cyber attacks"
    stretches = page.eval_on_selector_all(
        "#article-text [data-stretch]", "els => [...new Set(els.map(e => e.dataset.stretch))].length")
    assert stretches == 13
    assert page.locator("#article-text [data-stretch]").evaluate_all(
        "els => els.every(e => e.getBoundingClientRect().width > 0)")
    # every quote is highlighted: a filled (direct, mixed) or underlined (all) span
    styles = page.locator("#article-text .quote.direct").evaluate_all(
        "els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert styles and all(s not in ("rgba(0, 0, 0, 0)", "transparent") for s in styles)
    assert page.locator("#article-text p.region.caption").count() == 2

    n = quote_number(page, "Not successfully.")
    details = json.loads(page.locator("#qg-quotes").text_content())
    (q,) = [d for d in details if str(d["n"]) == n]
    assert (q["type"], q["name"]) == ("direct", "Boris Johnson")
    quote = page.locator(f'.quote[data-q="{n}"]')
    assert quote.inner_text() == "Not successfully."
    assert "Boris Johnson" in quote.get_attribute("title")
    assert page.locator("#details").is_hidden()
    quote.click()
    assert page.locator("#details").is_visible()
    assert page.locator('#details [data-field="name"]').inner_text() == "Boris Johnson"
    assert page.locator('#details [data-field="type"]').inner_text() == "direct"
    assert "active" in quote.get_attribute("class")
    shot = os.environ.get("QUOTEGRAPH_SCREENSHOT") or str(tmp_path / "article.png")
    page.screenshot(path=shot)
    with open(shot, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"


def test_speaker_link_then_search(page, live_server):
    page.goto(f"{live_server}/articles/{EXAMPLE_ID}")
    n = quote_number(page, "Not successfully.")
    speaker = page.locator(f'#article-text a.speaker[data-q~="{n}"]')
    speaker.click()
    page.wait_for_url("**/people/*")
    assert page.locator("#person-name").inner_text() == "Boris Johnson"
    assert page.locator("ol.quotes blockquote", has_text="Not successfully.").count() == 1

    page.fill("header input[name=q]", "Bentley")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Bentley")
    assert page.locator("#result-count b").inner_text() == "2"
    quotes = page.locator("ol.quotes q.hit-quote").all_inner_texts()
    assert quotes[0] == "Bentley cars will not cross it."
    assert "300 Bentley cars" in quotes[1]


def test_script_in_an_article_does_not_run(page, live_server):
    page.goto(f"{live_server}/articles/{SCRIPT_ID}")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__qgPwned") == "undefined"
    assert page.dialogs == []
    text = page.locator("#article-text").inner_text()
    assert "<script>window.__qgPwned = 1</script> is what they sent." in text
    assert '<img src="x" onerror="window.__qgPwned = 2">' in text
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert page.locator("h1").inner_text() == "<script>window.__qgPwned = 3</script>Scripts"
    page.locator(".quote").first.click()  # the details panel shows it as text too
    assert page.locator('#details [data-field="type"]').inner_text() == "direct"
    assert page.evaluate("typeof window.__qgPwned") == "undefined"


def test_try_it(page, live_server):
    page.goto(f"{live_server}/try")
    page.fill("#try-text", "“We will win,” Anna Berg said.\nThe match is on Sunday.")
    page.click("#try-form button")
    page.wait_for_selector("#result")
    assert page.locator("#result").inner_text() == "1 quote found"
    assert page.locator("#article-text .quote").inner_text() == "We will win,"
    assert page.locator("#speakers li").inner_text().split("\n")[0].strip() == "Anna Berg"
