"""Records: JSON-ready dicts (spans as lists, error only when set) and back."""
import json

from quotegraph.record import Article, Person, Quote, Record

TEXT = "“Trust, but verify,” Mr Johnson said."

QUOTE_FIELDS = ("type", "content", "content_parts", "cue", "speaker", "speaker_text",
                "speaker_name", "speaker_id", "addressee", "confidence")


def pick(d, keys):
    """The documented fields of ``d`` (the record may grow more)."""
    return {k: d[k] for k in keys}


def sample(**kw):
    quote = Quote(type="direct", content=(1, 19), content_parts=[(1, 19)], cue=(32, 36),
                  speaker=(21, 31), speaker_text="Mr Johnson", speaker_name="Boris Johnson",
                  speaker_id=0, confidence=0.9)
    return Record(id="a1", text=TEXT, meta={"source": "wire"}, quotes=[quote],
                  people=[Person(name="Boris Johnson", mentions=[(21, 31)])], **kw)


def test_article_defaults():
    assert Article(id="x", text="t").meta == {}


def test_to_dict_fields_and_lists():
    d = sample().to_dict()
    assert (d["id"], d["text"], d["meta"]) == ("a1", TEXT, {"source": "wire"})
    assert "error" not in d
    assert len(d["quotes"]) == 1
    assert pick(d["quotes"][0], QUOTE_FIELDS) == {
        "type": "direct", "content": [1, 19], "content_parts": [[1, 19]], "cue": [32, 36],
        "speaker": [21, 31], "speaker_text": "Mr Johnson", "speaker_name": "Boris Johnson",
        "speaker_id": 0, "addressee": None, "confidence": 0.9}
    assert [pick(p, ("name", "mentions", "kind")) for p in d["people"]] == [
        {"name": "Boris Johnson", "mentions": [[21, 31]], "kind": "person"}]
    assert json.loads(json.dumps(d)) == d
    assert TEXT[slice(*d["quotes"][0]["content"])] == "Trust, but verify,"


def test_error_is_kept_when_set():
    d = Record(id="b", text="x", error="extraction failed: boom").to_dict()
    assert d["error"] == "extraction failed: boom"
    assert d["quotes"] == [] and d["people"] == []


def test_round_trip():
    rec = sample()
    assert Record.from_dict(json.loads(json.dumps(rec.to_dict()))) == rec
    rec = sample(error="bad")
    assert Record.from_dict(rec.to_dict()) == rec


def test_group_speaker_round_trip():
    rec = sample()
    rec.quotes[0].speaker_name = ["Boris Johnson", "Sergey Lavrov"]
    back = Record.from_dict(rec.to_dict())
    assert back.quotes[0].speaker_name == ["Boris Johnson", "Sergey Lavrov"]


def test_from_dict_minimal():
    rec = Record.from_dict({"id": "m", "text": "t"})
    assert (rec.id, rec.text, rec.meta, rec.quotes, rec.people, rec.error) == ("m", "t", {}, [], [], None)


def test_an_article_holds_valid_text_only():
    """NUL (refused by PostgreSQL) and lone surrogates (not encodable) become U+FFFD, offsets unchanged."""
    from quotegraph.record import Article
    a = Article(id="a\x00", text="Ann said “hi\x00” \ud800.")
    assert (a.id, a.text) == ("a\ufffd", "Ann said “hi\ufffd” \ufffd.")
    assert Article(id="b", text="plain “text”").text == "plain “text”"
