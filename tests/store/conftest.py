"""Store fixtures: a fresh SQLite file or PostgreSQL database for each test.

PostgreSQL: ``$QUOTEGRAPH_TEST_PG`` (a URL to a database the tests may wipe),
else a throw-away cluster started here with ``initdb``/``pg_ctl`` in a
temporary folder, on a Unix socket only (as the ``postgres`` user when run as
root). Without a PostgreSQL installation those tests are skipped, unless
``$QUOTEGRAPH_REQUIRE_PG`` is set (CI sets it): then they fail.
"""
from __future__ import annotations

import os

import pytest

from .pgcluster import PgFailed, PgMissing, pg_cluster

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server():
    """The URL of an empty PostgreSQL database, for the whole session."""
    url = os.environ.get("QUOTEGRAPH_TEST_PG")
    if url:
        yield url
        return
    try:
        with pg_cluster() as url:
            yield url
    except PgMissing:
        if os.environ.get("QUOTEGRAPH_REQUIRE_PG"):
            pytest.fail("PostgreSQL is required ($QUOTEGRAPH_REQUIRE_PG) but initdb was not found")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    except PgFailed as e:
        pytest.fail(str(e))


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
