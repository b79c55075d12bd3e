"""Store fixtures: a fresh SQLite file or PostgreSQL database for each test.

PostgreSQL: ``$QUOTEGRAPH_TEST_PG`` (a URL to a database the tests may wipe),
else a throw-away cluster started here with ``initdb``/``pg_ctl`` in a
temporary folder, on a Unix socket only (as the ``postgres`` user when run as
root). Without a PostgreSQL installation those tests are skipped, unless
``$QUOTEGRAPH_REQUIRE_PG`` is set (CI sets it): then they fail.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile

import pytest

BACKENDS = ["sqlite", "postgresql"]


def _pg_bin(name: str):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return found[-1] if found else shutil.which(name)


@pytest.fixture(scope="session")
def pg_server():
    """The URL of an empty PostgreSQL database, for the whole session."""
    url = os.environ.get("QUOTEGRAPH_TEST_PG")
    if url:
        yield url
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        if os.environ.get("QUOTEGRAPH_REQUIRE_PG"):
            pytest.fail("PostgreSQL is required ($QUOTEGRAPH_REQUIRE_PG) but initdb was not found")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    base = tempfile.mkdtemp(prefix="qg-pg-")
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data = os.path.join(base, "data")
    run = lambda *cmd: subprocess.run(as_user + list(cmd), check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run(initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C")
        opts = (f"-c listen_addresses='' -c unix_socket_directories='{base}' -c fsync=off "
                "-c full_page_writes=off -c synchronous_commit=off -c max_connections=50")
        run(pg_ctl, "-D", data, "-o", opts, "-l", os.path.join(base, "log"), "-w", "-t", "60", "start")
        run(_pg_bin("createdb") or "createdb", "-h", base, "-U", "postgres", "qgtest")
    except subprocess.CalledProcessError as e:
        log = open(os.path.join(base, "log")).read() if os.path.exists(os.path.join(base, "log")) else ""
        pytest.fail(f"could not start PostgreSQL: {e.stderr or e}\n{log}")
    try:
        yield f"postgresql://postgres@/qgtest?host={base}"
    finally:
        subprocess.run(as_user + [pg_ctl, "-D", data, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def wipe_pg(url: str) -> None:
    import psycopg
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as c:
        c.execute("DROP SCHEMA public CASCADE")
        c.execute("CREATE SCHEMA public")


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A fresh, empty database: a SQLite file path, or a wiped PostgreSQL database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    url = request.getfixturevalue("pg_server")
    wipe_pg(url)
    return url


@pytest.fixture
def store(db_url):
    from quotegraph.store import Store
    s = Store(db_url)
    yield s
    s.close()
