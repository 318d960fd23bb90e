"""A throwaway PostgreSQL cluster for the tests that run against both stores (see conftest's `pg`).

It is started once per test session on 127.0.0.1 (a free port, its socket in its own directory, fsync off),
from the binaries of the machine's PostgreSQL (PostgreSQL 15: /usr/lib/postgresql/15/bin, else any version
there, else initdb on PATH), and stopped and removed at the end. As root it runs as the `postgres` user
(initdb refuses root). Every test gets a database of its own, copied from a template already migrated
(CREATE DATABASE ... TEMPLATE: a few milliseconds). QUOTEBOT_TEST_PG=postgresql://USER@HOST:PORT names a
server to use instead (its user must be allowed to create databases). `bench/search --postgres` starts its
server the same way (`Cluster.own`).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

TEMPLATE = "quotebot_template"


class Unavailable(RuntimeError):
    """No PostgreSQL to run against here; the message says why."""


def _binaries() -> Path:
    roots = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: (p.parent.name != "15", p))
    for root in roots:
        if (root / "initdb").is_file() and (root / "pg_ctl").is_file():
            return root
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise Unavailable("no PostgreSQL binaries (initdb, pg_ctl): apt-get install postgresql, or set QUOTEBOT_TEST_PG")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """A server, and fresh databases on it."""

    def __init__(self, base_url: str, stop: list[list[str]] | None = None, directory: Path | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._stop = stop or []
        self._directory = directory
        self._numbers = itertools.count(1)
        self._prefix = f"quotebot_test_{os.getpid()}"

    @classmethod
    def start(cls) -> Cluster:
        given = os.environ.get("QUOTEBOT_TEST_PG")
        cluster = cls(given) if given else cls.own()
        try:
            cluster._make_template()
        except BaseException:
            cluster.stop()
            raise
        return cluster

    @classmethod
    def own(cls) -> Cluster:
        """A server of its own, with no template (`start` makes one): a throwaway cluster, removed by `stop`."""
        bin_dir = _binaries()
        run_as: list[str] = []
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root and there is no postgres user to run PostgreSQL as") from None
            run_as = ["runuser", "-u", "postgres", "--"]
        directory = Path(tempfile.mkdtemp(prefix="quotebot-pg-"))
        data = directory / "data"
        if run_as:
            shutil.chown(directory, "postgres", "postgres")
        port = _free_port()
        initdb = [*run_as, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
        initdb += ["-E", "UTF8", "--locale", "C.UTF-8", "--no-sync"]
        pg_ctl = [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data)]
        options = f"-h 127.0.0.1 -p {port} -k {directory} -F -c max_connections=200 -c full_page_writes=off"
        try:
            subprocess.run(initdb, check=True, capture_output=True, timeout=120)
            subprocess.run(
                [*pg_ctl, "-o", options, "-l", str(directory / "log"), "-w", "-t", "60", "start"],
                check=True,
                capture_output=True,
                timeout=90,
            )
        except (OSError, subprocess.SubprocessError) as error:
            detail = getattr(error, "stderr", b"") or b""
            shutil.rmtree(directory, ignore_errors=True)
            said = detail.decode(errors="replace").strip()
            raise Unavailable(f"cannot start PostgreSQL from {bin_dir}: {error} {said}") from None
        return cls(f"postgresql://postgres@127.0.0.1:{port}", [[*pg_ctl, "-m", "immediate", "-w", "stop"]], directory)

    def url(self, database: str) -> str:
        return f"{self.base_url}/{database}"

    def _sql(self, statement: str) -> None:
        async def run() -> None:
            import asyncpg

            connection = await asyncpg.connect(self.url("postgres"), timeout=30)
            try:
                await connection.execute(statement)
            finally:
                await connection.close()

        _in_thread(run)

    def _make_template(self) -> None:
        from bot.store.postgres import PostgresStore

        template = f"{self._prefix}_{TEMPLATE}"
        self._template = template
        self._sql(f"DROP DATABASE IF EXISTS {template}")
        self._sql(f"CREATE DATABASE {template}")

        async def migrate() -> None:
            await (await PostgresStore.open(self.url(template))).close()

        _in_thread(migrate)

    def empty_database(self) -> str:
        """A new database with nothing in it (not even the schema)."""
        name = f"{self._prefix}_{next(self._numbers)}"
        self._sql(f"CREATE DATABASE {name}")
        return self.url(name)

    def database(self) -> str:
        """A new database holding the schema and nothing else: what a store opened on it for the first time
        makes."""
        name = f"{self._prefix}_{next(self._numbers)}"
        self._sql(f"CREATE DATABASE {name} TEMPLATE {self._template}")
        return self.url(name)

    def stop(self) -> None:
        for command in self._stop:
            subprocess.run(command, capture_output=True, timeout=60)
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
        elif hasattr(self, "_template"):  # a server of QUOTEBOT_TEST_PG: leave it as it was
            for number in range(1, next(self._numbers)):
                self._sql(f"DROP DATABASE IF EXISTS {self._prefix}_{number}")
            self._sql(f"DROP DATABASE IF EXISTS {self._template}")


def _in_thread(run) -> None:  # type: ignore[no-untyped-def]
    """A coroutine run to its end in a thread of its own: callers may be inside a running loop (an async
    test) or not (a session fixture)."""
    import threading

    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(run())
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
