"""``quotegraph serve --workers N``: uvicorn's worker supervisor, each worker on a socket of its own.

With one listening socket shared by every worker (uvicorn's way), whichever
worker wakes first takes all the connections waiting: 50 clients connecting
at once were split 41/9, 32/18 or 27/23 between two workers in the web
benchmark, and the clients of the busier worker wait up to four times as
long. Here each worker listens on a socket of its own on the same address
(``SO_REUSEPORT``, Linux and the BSDs), and the kernel spreads new connections
over them evenly by a hash of their addresses. The supervision is uvicorn's
(a worker that dies is replaced, on the same socket; SIGHUP restarts them one
by one), for the uvicorn version pinned in pyproject.toml.
"""
from __future__ import annotations

import socket
import sys

from uvicorn.config import STARTUP_FAILURE, Config
from uvicorn.supervisors.multiprocess import Multiprocess, Process, logger


def available() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and sys.platform != "win32"


def listening_socket(config: Config, reuse_port: bool = True) -> socket.socket:
    """A socket bound to the configured address, with SO_REUSEPORT (listened on by its worker)."""
    sock = socket.socket(socket.AF_INET6 if ":" in config.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((config.host, config.port))
    except OSError as exc:
        logger.error(exc)
        sys.exit(STARTUP_FAILURE)
    sock.set_inheritable(True)
    return sock


def worker_sockets(config: Config) -> list[socket.socket]:
    """One socket per worker. First a plain bind, let go at once: the address must be free, as
    for uvicorn (another server's SO_REUSEPORT sockets would otherwise share it with ours)."""
    listening_socket(config, reuse_port=False).close()
    return [listening_socket(config) for _ in range(config.workers)]


class OwnSockets(Multiprocess):
    """uvicorn's Multiprocess, the worker in slot ``i`` always on ``sockets[i]``."""

    def __init__(self, config: Config, sockets: list[socket.socket]):
        assert len(sockets) == config.workers
        super().__init__(config, sockets)

    def _new(self, slot: int) -> Process:
        process = Process(self.config, [self.sockets[slot]])
        process.start()
        return process

    def init_processes(self) -> None:
        for slot in range(self.processes_num):
            self.processes.append(self._new(slot))

    # The two below are uvicorn 0.54's, with the slot's socket for the new worker.
    def restart_all(self) -> None:
        for idx, old_process in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            new_process = self._new(idx)
            if not new_process.wait_until_ready(self.config.timeout_worker_healthcheck, self.should_exit):
                new_process.kill()
                new_process.join()
                if not self.should_exit.is_set():
                    logger.error(f"New child process [{new_process.pid}] was not ready in time; "
                                 f"keeping worker [{old_process.pid}] and aborting the restart.")
                return
            old_process.terminate()
            old_process.join()
            self.processes[idx] = new_process

    def keep_subprocess_alive(self) -> None:
        if self.should_exit.is_set():
            return
        for idx, process in enumerate(self.processes):
            if process.is_alive(timeout=self.config.timeout_worker_healthcheck):
                continue
            process.kill()
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                logger.error(f"Child process [{process.pid}] failed to start, stopping the parent process.")
                self.should_exit.set()
                return
            if self.should_exit.is_set():
                return
            logger.info(f"Child process [{process.pid}] died")
            self.processes[idx] = self._new(idx)


def run(app: str, *, workers: int, **options) -> None:
    """``uvicorn.run(app, workers=workers, **options)`` with a socket per worker when possible."""
    import uvicorn
    if workers <= 1 or not available():
        uvicorn.run(app, workers=workers, **options)
        return
    config = Config(app, workers=workers, **options)
    try:
        OwnSockets(config, worker_sockets(config)).run()
    except KeyboardInterrupt:
        pass
