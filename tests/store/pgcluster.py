"""A throw-away PostgreSQL cluster (initdb, pg_ctl) in a temporary folder, on a Unix socket only:
for the tests' fixture and for ``benchmarks/store_reliability.py``."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from typing import Iterator


class PgMissing(Exception):
    """PostgreSQL is not installed."""


class PgFailed(Exception):
    """The cluster could not be started."""


def _pg_bin(name: str):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return found[-1] if found else shutil.which(name)


@contextmanager
def pg_cluster() -> Iterator[str]:
    """The URL of an empty database of a new cluster (as the ``postgres`` user when run as root),
    stopped and removed at the end."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise PgMissing("initdb was not found")
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
        raise PgFailed(f"could not start PostgreSQL: {e.stderr or e}\n{log}")
    try:
        yield f"postgresql://postgres@/qgtest?host={base}"
    finally:
        subprocess.run(as_user + [pg_ctl, "-D", data, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
