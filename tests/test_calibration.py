"""Calibrated confidence: cells of quotes, their counts, the probability and the table of bins."""
from quotegraph.calibration import calibrated, calibration_table, cell, speaker_class, summed, table
from quotegraph.record import Quote


def quote(speaker_text=None, name=None, type="direct"):
    return Quote(type=type, content=(0, 5), content_parts=[(0, 5)],
                 speaker=(10, 20) if speaker_text else None, speaker_text=speaker_text, speaker_name=name)


def test_speaker_classes():
    assert speaker_class(quote()) == "none"
    assert speaker_class(quote("the minister")) == "unnamed"
    assert speaker_class(quote("she", "Ann Lee")) == "pronoun"
    assert speaker_class(quote("Ms Lee", "Ann Lee")) == "name"
    assert speaker_class(quote("the mayor", "Ann Lee")) == "description"
    assert speaker_class(quote("both men", ["Ann Lee", "Tom Reed"])) == "description"
    assert cell(quote("Ms Lee", "Ann Lee"), 0.8) == "direct|name|0.8"


def test_probability_is_the_share_right_smoothed_by_the_coarser_cell():
    counts = summed({"direct|name|0.8": (900, 1000), "direct|pronoun|0.8": (3, 10)})
    assert calibrated("direct|name|0.8", 0.5, counts) == 0.9
    # few quotes in a cell: pulled towards its type's share (903/1010)
    assert 0.3 < calibrated("direct|pronoun|0.8", 0.5, counts) < 0.7
    # an unseen cell of a known type: the type's share
    assert calibrated("direct|none|0.4", 0.5, counts) == round(904 / 1012, 2)
    assert calibrated("indirect|name|0.8", 0.42, counts) == 0.42  # a type never seen: the rule's score


def test_the_data_file_is_a_table():
    counts = table()
    assert all(0 <= right <= total for right, total in counts.values())


def test_calibration_table():
    out = calibration_table([(0.85, True)] * 9 + [(0.85, False)] + [(0.3, False)] * 2)
    assert [line.split() for line in out.splitlines()] == [
        ["stated", "quotes", "mean", "stated", "observed"],
        ["0.2-0.4", "2", "0.300", "0.000"],
        ["0.8-0.9", "10", "0.850", "0.900"],
        ["confidence", ">=", "0.8:", "10", "quotes,", "0.900", "right"]]
