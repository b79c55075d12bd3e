"""Language detection on the way in: only English is parsed."""
from quotegraph.language import detect, foreign_language
from quotegraph.record import Article

ENGLISH = ("The minister said on Tuesday that the talks would continue next week, and that nobody "
           "should expect a deal before the summer. “We are not there yet,” she told reporters.")
GERMAN = ("Der Minister sagte am Dienstag, die Gespräche würden nächste Woche fortgesetzt, und niemand "
          "solle vor dem Sommer eine Einigung erwarten. „Wir sind noch nicht so weit“, sagte sie.")


def test_detect():
    assert detect(ENGLISH)[0] == "en"
    assert detect(GERMAN)[0] == "de"


def test_only_a_confident_foreign_guess_on_enough_text_counts():
    assert foreign_language(ENGLISH) is None
    assert foreign_language(GERMAN) == "de"
    assert foreign_language("„Nein“, sagte sie.") is None  # too short to tell


def test_a_foreign_article_is_skipped_not_parsed(extractor):
    recs = list(extractor.extract_many([Article("de", GERMAN, {"outlet": "Zeitung"}),
                                        Article("en", ENGLISH)]))
    assert recs[0].skipped == "language: de" and recs[0].quotes == [] and recs[0].people == []
    assert recs[0].meta == {"outlet": "Zeitung", "language": "de"}
    assert recs[0].to_dict()["skipped"] == "language: de" and "error" not in recs[0].to_dict()
    assert recs[1].skipped is None and recs[1].quotes
    assert "skipped" not in recs[1].to_dict()
