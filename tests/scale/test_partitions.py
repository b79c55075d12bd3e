"""Partitions read exactly what a whole-file read gives: same ids, same error lines."""
from __future__ import annotations

import json

import pytest

from quotegraph.inputs import iter_articles
from quotegraph.scale.partitions import Part, PartitionError, plan, read_part

from .helpers import write_warc


def test_jsonl_line_ranges_and_warc_record_ranges(tmp_path):
    p = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": f"Line {i} said Ann."}) for i in range(7)]
    lines.insert(3, "{bad")
    p.write_text("\n".join(lines) + "\n")
    w = write_warc(tmp_path / "c.warc.gz", gz=True)
    (tmp_path / "n.txt").write_text("Ann said so.")
    parts = plan([str(tmp_path / "a.jsonl"), str(w), str(tmp_path / "n.txt")], part_records=3)
    assert [(x.path, x.first_line) for x in parts if x.path == str(p)] == [(str(p), 1), (str(p), 4), (str(p), 7)]
    assert len([x for x in parts if x.path == str(w)]) == 3  # 7 records, 3 a part
    assert parts[-1] == Part(str(tmp_path / "n.txt"))
    for name in (p, w):
        whole = [i for i in iter_articles([name]) if type(i).__name__ != "Skipped"]
        split = [i for x in parts if x.path == str(name) for i in read_part(x)
                 if type(i).__name__ != "Skipped"]
        assert split == whole


def test_stdin_and_missing_files_cannot_be_partitioned(tmp_path):
    with pytest.raises(PartitionError, match="stdin cannot be distributed"):
        plan(["-"])
    with pytest.raises(PartitionError, match="no files match this pattern"):
        plan([str(tmp_path / "*.jsonl")])


def test_ingest_engine_dask_refuses_stdin_on_one_line(tmp_path):
    from typer.testing import CliRunner

    from quotegraph import cli
    res = CliRunner().invoke(cli.app, ["ingest", "-", "--engine", "dask", "--db", str(tmp_path / "x.db")],
                             input='{"id": "a", "text": "Ann said so."}\n')
    assert res.exit_code == 2
    assert res.stderr == "quotegraph: -: stdin cannot be distributed; name files instead\n"
