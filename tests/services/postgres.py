"""A PostgreSQL server the tests start themselves: `initdb` on a temporary data directory,
`pg_ctl start` on a free loopback port, stopped (and the directory removed) at the end of
the session. Only the server binaries are needed (Debian's `postgresql` package, which
tests/services/install.sh installs): from PATH, or else the newest /usr/lib/postgresql/*/bin.

initdb and postgres refuse to run as root, and CI runs as root: then the server runs as an
unprivileged user (`postgres` if the system has one, else `nobody`) through `runuser` (or
`setpriv`), on a data directory that user owns. Authentication is `trust`, on 127.0.0.1
only. A test asks for the server with the `postgres_url` fixture (import it into the test
module); a server that cannot start skips the test and says why, or under CI=true fails
it (tests/services/__init__.py).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from services import require

SUPERUSER = "critc"
DATABASE = "critc"


def server_binaries() -> Path | None:
    """The directory holding initdb and pg_ctl, or None."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name)
                   if Path(p).parent.parent.name.isdigit() else 0)
    return Path(found[-1]).parent if found else None


def unprivileged_user() -> str | None:
    """The user to run the server as when we are root (None when we are not root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and there is no `postgres` or `nobody` user to run "
                       "the server as (initdb refuses root)")


def as_user(user: str | None, argv: list[str]) -> list[str]:
    """`argv` run as `user` (unchanged when None)."""
    if user is None:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", user, "--", *argv]
    if shutil.which("setpriv"):
        entry = pwd.getpwnam(user)
        return ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}",
                "--clear-groups", *argv]
    raise RuntimeError(f"running as root and neither runuser nor setpriv is there to run the "
                       f"server as `{user}`")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One server: `start()` returns its URL (or raises RuntimeError saying why not),
    `stop()` stops it and removes its data directory."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.bin: Path | None = None
        self.user: str | None = None
        self.port = 0

    def _run(self, argv: list[str], timeout: float = 120) -> None:
        done = subprocess.run(as_user(self.user, argv), capture_output=True, text=True,
                              timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"`{' '.join(argv)}` failed ({done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()[-2000:]}")

    def start(self) -> str:
        self.bin = server_binaries()
        if self.bin is None:
            raise RuntimeError("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in "
                               "/usr/lib/postgresql/*/bin")
        self.user = unprivileged_user()
        self.root = Path(tempfile.mkdtemp(prefix="critc-postgres-"))
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        data = self.root / "data"
        self._run([str(self.bin / "initdb"), "-D", str(data), "-U", SUPERUSER,
                   "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"])
        self.port = free_port()
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -F -c fsync=off"
        self._run([str(self.bin / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                   str(self.root / "server.log"), "-w", "-t", "60", "start"])
        self._run([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                   "-U", SUPERUSER, DATABASE])
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    def stop(self) -> None:
        if self.root is None or self.bin is None:
            return
        data = self.root / "data"
        if (data / "postmaster.pid").exists():
            try:
                self._run([str(self.bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                           "stop"])
            except (RuntimeError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None


@pytest.fixture(scope="session")
def postgres_server():
    """(the URL of a running server, or None; why it could not start)."""
    server = PostgresServer()
    try:
        url, why = server.start(), ""
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        url, why = None, str(exc)
    yield url, why
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """The URL of the session's PostgreSQL server (`postgresql://critc@127.0.0.1:PORT/critc`);
    the test skips (fails under CI=true) when the server cannot start."""
    url, why = postgres_server
    require(url is not None, f"a PostgreSQL server ({why})")
    return url
