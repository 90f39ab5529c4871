"""A throw-away PostgreSQL server for the store's tests, made with ``initdb`` and ``pg_ctl``.

One cluster per test session, in a temporary folder, listening on a free port of 127.0.0.1 with
its socket in that folder; each test gets a database of its own (:meth:`PgCluster.new_database`).
The server runs as an unprivileged user: PostgreSQL refuses to run as root, so when the tests do,
``initdb`` and ``pg_ctl`` run through ``runuser`` (or ``setpriv``) as ``postgres`` (or ``nobody``),
which owns the folder. The cluster is stopped (``pg_ctl stop -m fast``) and removed at the end.

Tests skip, saying why, only where PostgreSQL is not installed (no ``/usr/lib/postgresql/*/bin``);
``make test`` installs Debian's ``postgresql`` where it can (``make postgres``). Any other failure
to start the server fails the tests.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SUPERUSER = "atlas"
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "max_connections": "200",  # every test's store keeps a pool; process tests add four more
    "fsync": "off",  # a throw-away cluster: durability is not what is tested
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


def find_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's ``bin`` folder (``$ATLAS_PG_BIN`` overrides)."""
    if os.environ.get("ATLAS_PG_BIN"):
        return Path(os.environ["ATLAS_PG_BIN"])
    candidates = [p for p in Path("/").glob(PG_BIN_GLOB.lstrip("/")) if (p / "initdb").exists() and (p / "pg_ctl").exists()]

    def major(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in path.parent.name.split(".") if part.isdigit())

    return max(candidates, key=major) if candidates else None


@dataclass
class PgCluster:
    """A running throw-away server; ``new_database()`` gives each test a fresh, empty database."""

    bin_dir: Path
    root: Path
    port: int
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        import psycopg  # noqa: PLC0415 (only where PostgreSQL tests run)

        name = f"atlas_test_{next(self._counter)}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]  (name is ours)
        return self.url(name)


def _unprivileged_prefix(root: Path) -> list[str]:
    """How to run the server's commands: as is, or (as root) as an unprivileged user owning ``root``."""
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(user)
        except KeyError:
            continue
        os.chown(root, entry.pw_uid, entry.pw_gid)
        if shutil.which("runuser"):
            return ["runuser", "-u", user, "--"]
        if shutil.which("setpriv"):
            return ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups", "--"]
        raise RuntimeError("running as root, but neither runuser nor setpriv is there to start PostgreSQL as a user")
    raise RuntimeError("running as root, and no unprivileged user (postgres, nobody) to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def cluster() -> Iterator[PgCluster]:
    """Make, start, yield, then stop and remove a cluster (the ``pg_cluster`` session fixture)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(f"PostgreSQL is not installed (no initdb in {PG_BIN_GLOB}); `make postgres` installs it")
    root = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    try:
        prefix = _unprivileged_prefix(root)
        data = root / "data"
        _run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
              "--no-locale", "--no-sync"], cwd=root)  # fmt: skip
        started: PgCluster | None = None
        for _attempt in range(3):  # another program may take the free port before the server does
            port = _free_port()
            settings = {**SERVER_SETTINGS, "port": str(port), "unix_socket_directories": f"'{root}'"}
            with (data / "postgresql.auto.conf").open("w") as conf:
                conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
            try:
                _run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60",
                      "start"], cwd=root)  # fmt: skip
            except RuntimeError:
                log = root / "server.log"
                if "could not bind" in (log.read_text() if log.exists() else ""):
                    continue
                raise
            started = PgCluster(bin_dir=bin_dir, root=root, port=port)
            break
        if started is None:
            raise RuntimeError("PostgreSQL could not get a free port in three tries")
        try:
            yield started
        finally:
            _run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "stop", "-m", "fast"], cwd=root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
