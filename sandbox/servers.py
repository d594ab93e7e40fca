"""The sandbox as in production: Redis, PostgreSQL and several gunicorn workers.

The multi-process test, the load benchmarks and `make serve` use it. Each server it starts
listens on a free loopback port, or the one asked for, and is stopped on leaving.

    python -m sandbox.servers [--workers 3] [--port 8000]

serves until Ctrl-C, on the Redis of `REDIS_URL` and the database of `DATABASE_URL` when they
are set, else on a private redis-server and a new database that are dropped afterwards.
"""

import argparse
import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parent.parent
POSTGRES_URL = REPO / ".ci" / "postgres-url"
# gunicorn's access log: the worker's pid, method, path, status and query of each request.
ACCESS_LOG_FORMAT = "%(p)s %(m)s %(U)s %(s)s %(q)s"


class Unavailable(Exception):
    """A server this machine cannot run: redis-server or PostgreSQL is missing."""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, what, process, timeout=90):
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not answer within {timeout} s")
        time.sleep(0.1)


def stop(process, timeout=30):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def redis_answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class Process:
    """A server process that can be stopped as a crash would, and started again alike."""

    def __init__(self, command, ready, what, crash_signal=signal.SIGKILL, **options):
        self.command, self.ready, self.what, self.options = command, ready, what, options
        self.crash_signal = crash_signal
        self.process = None

    def start(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, **self.options)
        wait_until(self.ready, self.what, self.process)

    def crash(self):
        """Stops it at once, with no clean shutdown."""
        self.process.send_signal(self.crash_signal)
        self.process.wait(30)

    def stop(self):
        if self.process:
            stop(self.process)


@dataclass
class Running:
    url: str
    server: Process


@contextlib.contextmanager
def redis_process():
    """A private redis-server, in memory only; yields it (`Running`)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise Unavailable("redis-server is not installed (make system-deps installs it)")
    port = free_port()
    server = Process(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        lambda: redis_answers(port),
        "redis-server",
    )
    try:
        server.start()
        yield Running(f"redis://127.0.0.1:{port}/0", server)
    finally:
        server.stop()


@contextlib.contextmanager
def redis_server():
    """A private redis-server, in memory only; yields its URL."""
    with redis_process() as running:
        yield running.url


def postgres_accepts(url):
    try:
        psycopg.connect(url, connect_timeout=1).close()
        return True
    except psycopg.OperationalError:
        return False


@contextlib.contextmanager
def postgres_process():
    """A PostgreSQL server of its own (initdb in a temporary directory), for a test to crash;
    yields it (`Running`) with a database "charte"."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not binaries:
        raise Unavailable("PostgreSQL's server is not installed")
    # PostgreSQL refuses to run as root.
    owner = {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}
    with tempfile.TemporaryDirectory(prefix="charte-postgres-") as home:
        data = Path(home) / "data"
        if owner:
            shutil.chown(home, **owner)
        subprocess.run(
            [f"{binaries[-1]}/initdb", "-D", str(data), "-A", "trust", "-U", "charte", "--no-sync"],
            check=True,
            capture_output=True,
            **owner,
        )
        port = free_port()
        url = f"postgres://charte@127.0.0.1:{port}/postgres"
        server = Process(
            [
                *(f"{binaries[-1]}/postgres", "-D", str(data), "-p", str(port), "-k", home),
                *("-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"),
            ],
            lambda: postgres_accepts(url),
            "postgres",
            # Its "immediate" shutdown: SIGKILL would leave its children behind.
            crash_signal=signal.SIGQUIT,
            stderr=subprocess.DEVNULL,
            **owner,
        )
        try:
            server.start()
            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute("CREATE DATABASE charte")
            yield Running(with_database(url, "charte"), server)
        finally:
            server.stop()


def postgres_server():
    """The URL of a PostgreSQL server: `DATABASE_URL`'s, else the one `.ci/postgres-url` finds."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        found = subprocess.run([POSTGRES_URL], capture_output=True, text=True, check=False)
        url = found.stdout.strip()
    if not url:
        raise Unavailable("no PostgreSQL server (.ci/postgres-url could not start one)")
    return url


def with_database(url, name):
    return urlsplit(url)._replace(path=f"/{name}").geturl()


@contextlib.contextmanager
def postgres_database():
    """A new, empty database on `postgres_server()`; yields its URL, drops it afterwards."""
    server = postgres_server()
    name = f"charte_servers_{uuid.uuid4().hex[:12]}"
    admin = with_database(server, "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_database(server, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def manage(env, *args):
    """`manage.py` with `args` for the sandbox that `env` configures; returns what it printed."""
    done = subprocess.run(
        [sys.executable, "sandbox/manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


@dataclass
class Served:
    url: str
    env: dict
    access_log: Path
    process: subprocess.Popen
    # What the workers wrote to stderr: Django's errors, the package's outage reports.
    error_log: Path

    def manage(self, *args):
        return manage(self.env, *args)

    def served_by(self):
        """(worker pid, method, path, status, query) of each request answered so far.

        A worker writes the line once it has answered: it may come just after the response.
        """
        lines = self.access_log.read_text().splitlines()
        return [tuple(line.split(" ", 4)) for line in lines if line.count(" ") >= 4]


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own loopback server)
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@contextlib.contextmanager
def sandbox(database_url, redis_url, workers=3, env=None, port=None):
    """The sandbox with its demo content, migrated, served by gunicorn with `workers` workers.

    `DEBUG` is off, as in production; `env` adds or overrides environment variables.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sandbox.settings",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        **(env or {}),
    }
    manage(env, "migrate", "--noinput")
    if env.get("CONSENT_LOG_DATABASE_URL"):
        manage(env, "migrate", "--noinput", "--database", "consent_log")
    manage(env, "charte_demo")
    manage(env, "collectstatic", "--noinput")
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="charte-gunicorn-") as logs:
        access_log = Path(logs) / "access.log"
        access_log.touch()
        with open(Path(logs) / "error.log", "w+") as errors:
            process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "sandbox.wsgi:application"),
                    *("--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
                    *("--access-logfile", str(access_log)),
                    *("--access-logformat", ACCESS_LOG_FORMAT),
                ],
                cwd=REPO,
                env=env,
                stderr=errors,
            )
            url = f"http://127.0.0.1:{port}"
            try:
                wait_until(lambda: answers(url + "/fr/"), "gunicorn", process)
                yield Served(url, env, access_log, process, Path(errors.name))
            except BaseException:
                errors.seek(0)
                sys.stderr.write(errors.read()[-5000:])
                raise
            finally:
                stop(process)


@contextlib.contextmanager
def production_like(workers=3, env=None):
    """A private Redis, a new database and the sandbox on them, for tests and benchmarks."""
    with (
        redis_server() as redis_url,
        postgres_database() as database_url,
        sandbox(database_url, redis_url, workers, env) as served,
    ):
        yield served


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args()
    with contextlib.ExitStack() as stack:
        redis_url = os.environ.get("REDIS_URL") or stack.enter_context(redis_server())
        database_url = os.environ.get("DATABASE_URL") or stack.enter_context(postgres_database())
        served = stack.enter_context(
            sandbox(database_url, redis_url, options.workers, port=options.port)
        )
        print(
            f"{options.workers} gunicorn workers serve {served.url}/fr/ (admin: "
            f"{served.url}/admin/, admin / changeme) on {redis_url} and the database "
            f"“{urlsplit(database_url).path.lstrip('/')}”. Ctrl-C stops them.",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            served.process.wait()


if __name__ == "__main__":
    main()
