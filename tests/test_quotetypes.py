"""Direct or mixed (issue 8, item 6): a content that is all quotation but its own
cue clause is one direct quote in parts; words of the writer's own make it mixed."""


def only(quotes):
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_quote_interrupted_by_its_cue_is_direct_in_two_parts(said):
    q = only(said("The captain paused. “Ladies and gentlemen,” she said, “the ferry will not sail tonight.”"))
    assert (q.type, q.cue, q.speaker_text) == ("direct", "said", "she")
    assert q.parts == ["Ladies and gentlemen,", "the ferry will not sail tonight."]


def test_writer_word_before_the_quotation_keeps_it_mixed(said):
    q = only(said("But “the tide tables,” Ines Varga said, “are simply wrong this winter.”"))
    assert (q.type, q.cue, q.speaker_text) == ("mixed", "said", "Ines Varga")


def test_short_quoted_phrase_in_reported_speech_stays_mixed(said):
    q = only(said("The inspector said the hull was “not seaworthy” after the storm."))
    assert (q.type, q.cue, q.speaker_text) == ("mixed", "said", "The inspector")
    assert q.parts == ["the hull was “not seaworthy” after the storm"]
