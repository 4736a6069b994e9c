"""A throwaway PostgreSQL server for the tests: initdb in a temp folder, pg_ctl start, stop.

It needs the PostgreSQL server binaries (Debian: ``apt-get install postgresql``; .ci/run
installs them). PostgreSQL refuses to run as root, so when the tests run as root the cluster
is created and started as the ``postgres`` system user (created by the Debian package).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "postgres"


def find_pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return candidates[0].parent if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str
    bin_dir: Path

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run one statement as the superuser on the maintenance database."""
        import psycopg

        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(sql)  # type: ignore[arg-type]


def _as_server_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    pwd.getpwnam(SERVER_USER)  # KeyError if the Debian package did not create it
    return ["runuser", "-u", SERVER_USER, "--"]


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """Start a private PostgreSQL cluster on a free local port; stop and delete it afterwards."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
    prefix = _as_server_user()
    root = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    data = root / "data"
    if prefix:
        shutil.chown(root, user=SERVER_USER)
    port = _free_port()
    user = "tracker"
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    try:
        subprocess.run(
            [
                *prefix,
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                user,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            env=env,
        )
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        )
        subprocess.run(
            [
                *prefix,
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(root / "log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            check=True,
            capture_output=True,
            env=env,
        )
        yield PostgresServer(host="127.0.0.1", port=port, user=user, bin_dir=bin_dir)
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [
                    *prefix,
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                check=False,
                capture_output=True,
                env=env,
            )
        shutil.rmtree(root, ignore_errors=True)
