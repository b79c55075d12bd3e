"""--engine dask: a local cluster of 2 worker processes stores exactly the rows a local run stores,
even when a worker dies in the middle of a task."""
from __future__ import annotations

import functools
import json
import os
import sys

import pytest
from sqlalchemy import select

from quotegraph.store.db import Store
from quotegraph.store.ingest import ingest
from quotegraph.store.schema import metadata

from .helpers import FRENCH, write_warc
from .test_fetch import server  # noqa: F401 (a fixture: the local news site)

distributed = pytest.importorskip("distributed")

SPEAKERS = ["Maria Lopez", "Tom Berg", "Anna Kowalski", "Peter Nash", "Ruth Olsen", "Sam Diaz"]


def write_corpus(folder):
    folder.mkdir()
    lines = []
    for i in range(14):
        a, b = SPEAKERS[i % 6], SPEAKERS[(i + 1) % 6]
        text = (f"“We will finish the bridge by spring {2020 + i},” said {a}, the mayor. "
                f"{b.split()[1]} told reporters that the council had approved the plan. "
                f"{a.split()[1]} added that the costs were under control.")
        lines.append(json.dumps({"id": f"n{i}", "text": text, "outlet": "Gazette",
                                 "date": f"2024-01-{i + 1:02d}"}))
    lines.insert(5, "{broken json")
    lines.insert(9, json.dumps({"id": "fr", "text": FRENCH}))
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "note.txt").write_text("“It is done,” said Ruth Olsen on Friday.\n", encoding="utf-8")
    write_warc(folder / "crawl.warc.gz", gz=True)
    return folder


def rows(db: str, leave_out: tuple[str, ...] = ()) -> dict[str, list]:
    """Every row of every table but the runs, without the run id and ingest time (and ``leave_out``)."""
    out = {}
    with Store(db, must_exist=True) as store, store.connect() as conn:
        for name, table in metadata.tables.items():
            if name == "runs":
                continue
            cols = [c for c in table.columns if c.name not in ("run_id", "ingested_at", *leave_out)]
            key = list(table.primary_key.columns) or cols
            out[name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*key)).all()]
    return out


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster
    import dask
    with dask.config.set({"distributed.scheduler.allowed-failures": 2}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=50) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def corpus_and_local(tmp_path_factory, extractor):
    """The corpus, and the rows of a local run on it."""
    base = tmp_path_factory.mktemp("dask")
    folder = write_corpus(base / "in")
    db = str(base / "local.db")
    with Store(db) as store:
        s = ingest(store, [str(folder)], extractor=extractor)
    assert (s.ingested, s.other_language) == (17, 1)  # 14 + note + 2 WARC pages; French
    return folder, rows(db)


def run_on_dask(client, folder, db, **kw):
    from quotegraph.scale.dask_engine import run_dask
    problems = []
    with Store(db) as store:
        s = run_dask(store, [str(folder)], client=client, part_records=4,
                     on_problem=lambda w, m: problems.append((w, m)), **kw)
    return s, problems


def test_dask_stores_the_same_rows_as_a_local_run(client, corpus_and_local, tmp_path, monkeypatch):
    from quotegraph.scale import load
    from quotegraph.store import ingest as ingest_mod
    monkeypatch.setattr(ingest_mod, "extract_parallel", None)  # the client extracts nothing itself
    monkeypatch.setattr(load, "local_extractor", None)
    folder, local = corpus_and_local
    db = str(tmp_path / "dask.db")
    s, problems = run_on_dask(client, folder, db)
    assert (s.ingested, s.failed, s.other_language) == (17, 1, 1)
    assert (f"{folder}/news.jsonl:6", "invalid JSON (Expecting property name enclosed in double quotes "
            "at column 2)") in problems
    assert rows(db) == local
    again, _ = run_on_dask(client, folder, db)  # resumable: all stored, nothing extracted again
    assert (again.ingested, again.skipped) == (0, 18 + 5)  # and the 5 WARC records not pages


def dying_task(part, *, marker: str, **kwargs):
    """process_part, but the first task to come here does the work and then kills its worker."""
    from quotegraph.scale.batch import process_part
    result = process_part(part, **kwargs)
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return result
    os._exit(1)  # mid-task, the result never sent


def test_a_worker_killed_mid_task_loses_nothing(client, corpus_and_local, tmp_path):
    import cloudpickle
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    folder, local = corpus_and_local
    marker = tmp_path / "killed"
    db = str(tmp_path / "dask.db")
    s, _ = run_on_dask(client, folder, db, task=functools.partial(dying_task, marker=str(marker)))
    assert marker.exists()  # a worker did die
    assert (s.ingested, s.failed, s.other_language) == (17, 1, 1)
    assert rows(db) == local



def test_ingest_command_with_a_scheduler(client, corpus_and_local, tmp_path):
    from typer.testing import CliRunner

    from quotegraph import cli
    folder, local = corpus_and_local
    db = str(tmp_path / "cli.db")
    res = CliRunner().invoke(cli.app, ["ingest", str(folder), "--scheduler", client.scheduler.address,
                                       "--db", db, "--max-failures", "10"])
    assert res.exit_code == 0, res.stderr
    assert res.stderr.startswith("quotegraph: ")
    assert "quotegraph: 17 articles ingested" in res.stderr and "1 not in English" in res.stderr
    assert rows(db) == local


def test_parquet_partitions_are_written_by_the_workers_and_loaded_once(client, corpus_and_local, tmp_path):
    from quotegraph.scale.dask_engine import EngineError
    from quotegraph.scale.load import load_records
    folder, local = corpus_and_local
    parts = tmp_path / "parts"
    db = str(tmp_path / "dask.db")
    s, _ = run_on_dask(client, folder, db, parquet=str(parts))
    assert (s.ingested, s.failed, s.other_language) == (17, 1, 1)
    assert rows(db) == local
    names = sorted(p.name for p in parts.iterdir())
    assert names[0] == "part-00000.parquet" and all(n.endswith(".parquet") for n in names)
    assert len(names) == 7  # 16 JSONL lines in 4 parts, 7 WARC records in 2, note.txt
    with Store(str(tmp_path / "loaded.db")) as store:  # the partitions load into another store alike
        loaded = load_records(store, [str(parts / "*.parquet")])
    assert (loaded.ingested, loaded.failed) == (17, 1)
    # the same rows, but for the file each article came from: there, the partition
    assert rows(str(tmp_path / "loaded.db"), ("source_file",)) == rows(db, ("source_file",))
    with pytest.raises(EngineError, match="holds the partitions of an earlier run"):
        run_on_dask(client, folder, db, parquet=str(parts))


def test_fetched_pages_are_extracted_on_the_workers(client, server, tmp_path):
    from typer.testing import CliRunner

    from quotegraph import cli
    b = server.base
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{b}/news/ports.html\n{b}/news/missing.html\n")
    db = str(tmp_path / "web.db")
    res = CliRunner().invoke(cli.app, [
        "ingest", "--urls", str(urls), "--feed", f"{b}/feed.xml", "--db", db, "--delay", "0.05",
        "--allow-private-hosts", "--scheduler", client.scheduler.address, "--max-failures", "50",
        "--parquet", str(tmp_path / "parts")])
    assert res.exit_code == 0, res.stderr
    assert res.stderr.startswith(f"quotegraph: {b}/news/missing.html: HTTP 404\nquotegraph: 2 articles ingested")
    assert "1 failed" in res.stderr
    got = rows(db)
    assert sorted(r[0] for r in got["articles"]) == [f"{b}/news/ports.html", f"{b}/news/rail.html"]
    assert got["quotes"]  # extracted on the workers
    assert [p.name for p in (tmp_path / "parts").iterdir()] == ["part-00000.parquet"]
