"""Scoring: the definitions of FORMAT.md, and agreement with the shared score.py."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotegraph.evaluate import (RecordFileError, ScoreError, format_table, jaccard,
                                 pair_quotes, read_records, same_name, score, trimmed)

REF_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

TEXT = ('Anna Berg said: “We will win.” Critics disagreed. '
        '“Never,” the senator said, “not once.” Officials said taxes would rise.')


def span(s, text=TEXT):
    i = text.index(s)
    return [i, i + len(s)]


def q(type, content, speaker_name=None, speaker=None, parts=None):
    out = {"type": type, "content": span(content), "speaker_name": speaker_name,
           "speaker": span(speaker) if speaker else None}
    if parts:
        out["content_parts"] = [span(p) for p in parts]
    return out


GOLD = [{"id": "a1", "text": TEXT, "quotes": [
    q("direct", "We will win.", "Anna Berg", "Anna Berg"),
    q("direct", "Never,” the senator said, “not once.", "Sen. Tom Ruiz", "the senator",
      parts=["Never,", "not once."]),
    q("indirect", "taxes would rise", None, "Officials"),
    q("indirect", "Critics disagreed", None, None),
]}]


def test_trimmed_strips_marks_spaces_and_punctuation():
    text = ' “Yes, (really).” '
    assert trimmed(text, 0, len(text)) == (2, 14)  # Yes, (really


def test_jaccard_over_parts():
    assert jaccard([(0, 10)], [(5, 15)]) == 5 / 15
    assert jaccard([(0, 4), (10, 14)], [(0, 4)]) == 0.5
    assert jaccard([], []) == 0.0


def test_same_name():
    assert same_name("Sergey Lavrov", "Sergei Lavrov")
    assert same_name("Mr Lavrov", "Sergey Lavrov")
    assert same_name("Dr José Núñez", "jose nunez")
    assert same_name("Jane D’Souza", "Jane D'Souza")
    assert not same_name("Boris Johnson", "Bob Johnson")
    assert not same_name("Boris Johnson", "Boris Becker")
    assert not same_name("Mr", "Mr")


def test_pairing_is_greedy_and_one_to_one():
    gold = [q("direct", "We will win."), q("indirect", "taxes would rise")]
    pred = [q("direct", "will win"), q("direct", "We will win."), q("direct", "Critics")]
    pairs = pair_quotes(TEXT, gold, pred)
    assert [(p.gold, p.pred, p.overlap) for p in pairs] == [(0, 1, 1.0)]


def test_perfect_prediction():
    res = score(GOLD, GOLD)
    assert res["articles"] == 1 and res["missing_predictions"] == 0
    for level in ("overlap", "jaccard50", "exact", "joint"):
        assert res["all"][level] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert res["all"]["speaker_accuracy"] == 1.0  # 3 judged; the sourceless one only in joint
    assert res["direct"]["gold"] == 2 and res["indirect"]["gold"] == 2 and res["mixed"]["gold"] == 0


def test_partial_prediction():
    pred = [{"id": "a1", "text": TEXT, "quotes": [
        q("direct", "We will win.", "Tom Ruiz"),                         # wrong speaker
        q("direct", "Never,” the senator said, “not once.", "Ruiz"),     # outer span, right speaker
        q("mixed", "taxes would", None, "Officials said"),               # type differs, j < 1
        q("direct", "Critics disagreed. “Never"),                        # spurious
    ]}]
    res = score(GOLD, pred)
    a = res["all"]
    assert (a["gold"], a["pred"]) == (4, 4)
    # pairs: win (1.0), never/not once (parts 14 chars vs outer ~35: < .5),
    # taxes (11/16 >= .5), "Critics disagreed" (17/26 >= .5)
    assert a["overlap"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert a["jaccard50"] == {"p": 0.75, "r": 0.75, "f1": 0.75}
    assert a["exact"] == {"p": 0.25, "r": 0.25, "f1": 0.25}
    assert a["speaker_accuracy"] == 0.5  # win wrong, taxes right (mention overlap)
    assert a["joint"] == {"p": 0.5, "r": 0.5, "f1": 0.5}  # taxes + sourceless "Critics"
    assert res["direct"]["pred"] == 3 and res["mixed"]["pred"] == 1
    assert res["mixed"]["overlap"]["f1"] == 0.0


def test_types_filter_and_missing_predictions():
    gold = GOLD + [{"id": "a2", "text": "Nothing here.", "quotes": []}]
    res = score(gold, [{"id": "a1", "text": TEXT, "quotes": GOLD[0]["quotes"][:1]}],
                types=["direct", "mixed"])
    assert res["missing_predictions"] == 1 and res["articles"] == 2
    assert res["all"]["gold"] == 2 and res["all"]["pred"] == 1
    assert res["indirect"]["gold"] == 0
    assert res["all"]["exact"] == {"p": 1.0, "r": 0.5, "f1": 0.6667}
    assert GOLD[0]["quotes"][2]["type"] == "indirect"  # inputs are not modified


def test_group_speaker():
    gold = [{"id": "g", "text": TEXT, "quotes": [
        q("direct", "We will win.", ["Anna Berg", "Tom Ruiz"])]}]
    right = [{"id": "g", "text": TEXT, "quotes": [
        q("direct", "We will win.", ["Ruiz", "Anna Berg"])]}]
    wrong = [{"id": "g", "text": TEXT, "quotes": [q("direct", "We will win.", "Anna Berg")]}]
    assert score(gold, right)["all"]["speaker_accuracy"] == 1.0
    assert score(gold, wrong)["all"]["speaker_accuracy"] == 0.0


def test_different_text_is_an_error():
    with pytest.raises(ScoreError, match="prediction for a1 has a different text"):
        score(GOLD, [{"id": "a1", "text": "other", "quotes": []}])


def test_format_table():
    table = format_table(score(GOLD, GOLD))
    assert table.splitlines()[:3] == [
        "articles 1  missing predictions 0",
        "type       gold  pred  F1 overlap  F1 j>=.5  F1 exact speaker acc  joint F1",
        "all           4     4       1.000     1.000     1.000       1.000     1.000",
    ]
    assert len(table.splitlines()) == 6


def test_read_records_errors(tmp_path):
    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps(GOLD[0]) + "\n\n{oops\n")
    with pytest.raises(RecordFileError, match=r"gold.jsonl:3: invalid JSON"):
        read_records(str(p))
    p.write_text('{"id": "x", "text": "a\x01"}\n')
    with pytest.raises(RecordFileError, match=r"^\S*gold.jsonl:1: invalid JSON \(Invalid control character at column 23\)$"):
        read_records(str(p))
    p.write_text(json.dumps({"id": "x", "text": "abc", "quotes": [{"content": [0, 9]}]}) + "\n")
    with pytest.raises(RecordFileError, match=r"gold.jsonl:1: quote 1: 'content' is not a \[start, end\] span"):
        read_records(str(p))
    with pytest.raises(RecordFileError, match=r"missing.jsonl: cannot read"):
        read_records(str(tmp_path / "missing.jsonl"))


# --- agreement with the shared reference scorer --------------------------------

def synthetic():
    """Small gold and predictions with ties, splits, groups, types, missing articles."""
    t2 = "“Yes,” he said. “No.” Mr Lavrov said relations were “at a low point”."
    gold = GOLD + [
        {"id": "b", "text": t2, "quotes": [
            {"type": "direct", "content": [1, 20], "content_parts": [[1, 5], [17, 20]],
             "speaker": [7, 9], "speaker_name": "Sergey Lavrov"},
            {"type": "mixed", "content": [37, 69], "speaker": [22, 31],
             "speaker_name": ["Sergey Lavrov", "Boris Johnson"]}]},
        {"id": "c", "text": "Empty.", "quotes": []},
        {"id": "d", "text": TEXT, "quotes": [q("indirect", "taxes would rise", None, "Officials")]},
    ]
    pred = [
        {"id": "a1", "text": TEXT, "quotes": [
            q("direct", "We will win.", "Anna Berg"), q("direct", "We will win.", "Berg"),
            q("mixed", "Never,” the senator", "Ruiz"), q("indirect", "would rise", None, "Officials")]},
        {"id": "b", "text": t2, "quotes": [
            {"type": "direct", "content": [1, 20], "speaker_name": "Sergei Lavrov"},
            {"type": "mixed", "content": [53, 67], "speaker_name": ["Lavrov", "Johnson"]},
            {"type": "indirect", "content": [37, 52], "speaker_name": "Lavrov"}]},
        {"id": "c", "text": "Empty.", "quotes": [{"type": "direct", "content": [0, 5]}]},
        {"id": "zz", "text": "not in gold", "quotes": []},
    ]
    return gold, pred


@pytest.mark.skipif(not REF_SCORER.exists(), reason="shared/eval/score.py not present")
@pytest.mark.parametrize("types", [None, "direct,mixed", "indirect"])
def test_agrees_with_reference_scorer(tmp_path, types):
    gold, pred = synthetic()
    gp, pp = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gp.write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
    pp.write_text("".join(json.dumps(r) + "\n" for r in pred), encoding="utf-8")
    extra = ["--types", types] if types else []
    run = lambda *a: subprocess.run([sys.executable, str(REF_SCORER), str(gp), str(pp), *a, *extra],
                                    capture_output=True, text=True, check=True).stdout
    ours = score(read_records(str(gp)), read_records(str(pp)),
                 types=types.split(",") if types else None)
    assert ours == json.loads(run("--json"))
    assert json.dumps(ours) == run("--json").strip()  # same keys in the same order
    assert format_table(ours) + "\n" == run()


def test_right_quotes():
    from quotegraph.evaluate import right_quotes
    text = "Ann Lee said the plan works. Tom Reed said it fails."
    gold = {"text": text, "quotes": [
        {"type": "indirect", "content": [13, 27], "speaker_name": "Ann Lee"},
        {"type": "indirect", "content": [42, 51], "speaker_name": "Tom Reed"}]}
    pred = {"text": text, "quotes": [
        {"type": "indirect", "content": [13, 27], "speaker_name": "Ann Lee"},
        {"type": "indirect", "content": [42, 51], "speaker_name": "Ann Lee"},
        {"type": "indirect", "content": [0, 3], "speaker_name": "Ann Lee"}]}
    assert right_quotes(gold, pred) == [True, False, False]
