"""Charts: every period shown (a month or week without quotes is a 0), the attention chart on
the overview and person pages, and /api/attention, on a small corpus with gaps."""
from __future__ import annotations

import pytest

from quotegraph.web import charts

from .conftest import ingest, make_record

GAPPED = [("Mia Park", "We open in January.", "2024-01-10", "Gazette"),
          ("Ola Nord", "The road is closed.", "2024-02-20", "Herald"),
          ("Mia Park", "We open in April.", "2024-04-02", "Herald"),
          ("Mia Park", "The doors are open.", "2024-04-03", "Gazette")]


def gapped_records():
    return [make_record(f"gap-{i}", [(name, words, "direct")], {"title": f"Story {i}", "date": date, "outlet": outlet})
            for i, (name, words, date, outlet) in enumerate(GAPPED)]


@pytest.fixture(scope="module")
def gapped(tmp_path_factory):
    from fastapi.testclient import TestClient

    from quotegraph.web import Settings, create_app
    db = str(tmp_path_factory.mktemp("gapped") / "gapped.db")
    ingest(db, gapped_records(), None)
    app = create_app(Settings(db=db))
    client = TestClient(app, raise_server_exceptions=False)
    ids = {p["name"]: p["id"] for p in client.get("/api/people").json()["items"]}
    return app, client, ids


def test_month_and_week_ranges():
    assert charts.month_range("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert charts.week_of("2024-04-07") == "2024-04-01"  # a Sunday: its Monday
    assert charts.week_range("2024-02-28", "2024-03-12") == ["2024-02-26", "2024-03-04", "2024-03-11"]
    assert charts.fill_months([{"month": "2024-01", "quotes": 2}, {"month": "2024-03", "quotes": 1},
                               {"month": None, "quotes": 4}]) == [
        {"month": "2024-01", "quotes": 2}, {"month": "2024-02", "quotes": 0},
        {"month": "2024-03", "quotes": 1}, {"month": None, "quotes": 4}]


def test_chart_layout_shows_empty_periods():
    c = charts.chart(["2024-01", "2024-02", "2024-03"], [{"label": "A", "counts": {"2024-01": 4, "2024-03": 2}}])
    (s,) = c["series"]
    assert s["values"] == [4, 0, 2] and s["total"] == 6 and s["peak"] == ("2024-01", 4)
    assert [b["h"] for b in s["bars"]] == [144.0, 0.0, 72.0] and c["max"] == 5  # the axis: 0 to 5
    assert charts.describe(c) == "Quotes per month, 2024-01 to 2024-03 (3 months). A: 6 quotes, most in 2024-01 (4)."
    two = charts.chart(["2024-01", "2024-02"], [{"label": "A", "counts": {"2024-01": 1}}, {"label": "B", "counts": {}}])
    assert two["lines"] and two["series"][1]["polyline"] == "187.0,192.0 481.0,192.0"


def test_person_months_every_month(gapped):
    _, client, ids = gapped
    assert client.get(f"/api/people/{ids['Mia Park']}/months").json()["items"] == [
        {"month": "2024-01", "quotes": 1}, {"month": "2024-02", "quotes": 0},
        {"month": "2024-03", "quotes": 0}, {"month": "2024-04", "quotes": 2}]
    html = client.get(f"/people/{ids['Mia Park']}").text
    assert '<desc id="attention-chart-desc">Quotes per month, 2024-01 to 2024-04 (4 months). Mia Park: 3 quotes, ' \
           'most in 2024-04 (2).</desc>' in html
    assert html.count('<rect x="') == 4 and 'data-period="2024-02" data-value="0"' in html


def test_api_attention(gapped):
    _, client, ids = gapped
    body = client.get("/api/attention", params={"person": [ids["Mia Park"], ids["Ola Nord"]]}).json()
    assert body["periods"] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert [(s["label"], s["counts"]) for s in body["series"]] == [("Mia Park", [1, 0, 0, 2]), ("Ola Nord", [0, 1, 0, 0])]
    weeks = client.get("/api/attention", params={"outlet": ["Herald"], "by": "week"}).json()
    assert weeks["periods"][0] == "2024-02-19" and weeks["periods"][-1] == "2024-04-01" and len(weeks["periods"]) == 7
    assert weeks["series"] == [{"kind": "outlet", "id": "Herald", "label": "Herald", "counts": [1, 0, 0, 0, 0, 0, 1],
                                "total": 2}]
    since = client.get("/api/attention", params={"person": [ids["Mia Park"]], "since": "2024-02"}).json()
    assert since["periods"] == ["2024-04"]
    assert client.get("/api/attention").json()["series"][0]["label"] == "Mia Park"  # the most quoted, by default
    too_many = client.get("/api/attention", params={"outlet": [f"o{i}" for i in range(9)]})
    assert too_many.status_code == 400 and too_many.json()["error"] == "compare at most 8 people and outlets"
    assert client.get("/api/attention", params={"by": "day"}).status_code == 422


def test_overview_and_person_compare(gapped):
    _, client, ids = gapped
    html = client.get("/", params={"outlet": ["Gazette", "Herald"]}).text
    assert "Gazette: 2 quotes" in html and "Herald: 2 quotes" in html
    assert '<input type="checkbox" name="outlet" value="Herald" checked>' in html
    page = client.get(f"/people/{ids['Ola Nord']}", params={"compare": ["Mia Park", "Nobody Known"], "by": "week"}).text
    assert "Quotes per week, 2024-01-08 to 2024-04-01 (13 weeks). Ola Nord: 1 quote" in page
    assert "Nobody found called Nobody Known." in page
    assert '<input type="hidden" name="compare" value="Mia Park">' in page


def test_nul_and_bad_values(gapped):
    _, client, ids = gapped
    assert client.get("/api/attention", params={"outlet": "Gaz\x00ette"}).status_code == 422
    assert client.get("/", params={"person": "x"}).status_code == 422
    page = client.get(f"/people/{ids['Mia Park']}", params={"compare": ["Ola\x00Nord", "#99999999999999999999"]})
    assert page.status_code == 200 and "Nobody found called #99999999999999999999." in page.text


def test_attention_on_postgresql(pg_client, client):
    _, pg = pg_client
    weeks = {"outlet": ["Gazette", "Herald"], "by": "week"}  # the same articles in both stores
    got = pg.get("/api/attention", params=weeks).json()
    assert got == client.get("/api/attention", params=weeks).json() and len(got["periods"]) == 9
    body = pg.get("/api/attention", params={"outlet": ["Gazette"]}).json()
    assert body["periods"] == ["2024-03", "2024-04", "2024-05"] and body["series"][0]["counts"] == [2, 0, 1]
    assert pg.get("/", params={"outlet": ["Gazette", "Herald"]}).status_code == 200


def test_svg_from_the_template_escaped_and_kept(gapped):
    app, _, _ = gapped
    svg = app.state.templates.env.globals["chart_svg"]
    c = charts.chart(["2024-01", "2024-02", "2024-03"], [{"label": "A <b>&", "counts": {"2024-01": 3, "2024-03": 7}}])
    out = svg(c, "c1", "Quotes: <x>")
    assert out.startswith('<svg viewBox="0 0 640 220" role="img" aria-labelledby="c1-title c1-desc">')
    assert '<title id="c1-title">Quotes: &lt;x&gt;</title>' in out and 'data-label="A &lt;b&gt;&amp;"' in out
    assert "<desc id=\"c1-desc\">Quotes per month, 2024-01 to 2024-03 (3 months). A &lt;b&gt;&amp;: 10 quotes" in out
    b = c["series"][0]["bars"][2]  # the layout's, to a tenth
    assert out.count("<rect ") == 3 and (f'<rect x="{b["x"]:.1f}" y="{b["y"]:.1f}" width="48.0" height="{b["h"]:.1f}" '
                                         'data-period="2024-03" data-value="7"><title>2024-03: 7</title></rect>') in out
    assert svg(c, "c1", "Quotes: <x>") is out  # kept
    lines = charts.chart(["2024-01", "2024-02"], [{"label": "P", "counts": {"2024-01": 1}},
                                                   {"label": "Q", "counts": {"2024-02": 2}}])
    two = svg(lines, "c2", "two")
    assert two.count("<polyline ") == 2 and two.count("<circle ") == 4 and "<title>Q, 2024-02: 2</title>" in two
