"""Throwaway production-like careerpaths servers on the loopback: the pieces that
scripts/serve.py (ThrowawaySite), scripts/two_nodes.py and bench/run.py are built from.

A run makes a temporary folder, takes `production_env()` for it, fills a database with
`install_demo()` (after `create_database()` on PostgreSQL), starts one or more `Gunicorn` and
waits for them. Whatever happens, it then stops each `Gunicorn` by its PID, and, where it made
them, calls `drop_databases()` and `delete_cache_keys()` and removes the folder.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent


class Failure(RuntimeError):
    """What a run needs did not happen: a command failed, a server did not answer, a check did
    not hold."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(
    folder: Path,
    database_url: str,
    allowed_hosts: str,
    *,
    page_cache: tuple[str, str] | None = None,
) -> dict[str, str]:
    """The production settings in a clean environment, files in `folder`: DEBUG off, a throwaway
    SECRET_KEY and, given `page_cache` (REDIS_URL, CACHE_KEY_PREFIX), the page cache in Redis
    under keys of the run's own. HTTPS is left out, as no proxy terminates it on the loopback."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": allowed_hosts,
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "warning",
    }
    if page_cache:
        redis_url, prefix = page_cache
        env |= {"REDIS_URL": redis_url, "CACHE_KEY_PREFIX": prefix, "PAGE_CACHE_SECONDS": "600"}
    return env


def python(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    """What the project's Python prints running `args` in the project folder; Failure, with
    all it printed, when it fails."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise Failure(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    return python(env, "manage.py", *args, timeout=timeout)


def install_demo(env: dict[str, str]) -> None:
    """Migrate, load the demo content with its images and collect the static files: every
    page answers, served by WhiteNoise as in production."""
    shutil.copytree(ROOT / "media" / "demo", Path(env["MEDIA_ROOT"]) / "demo")
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "loaddata", "demo", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def create_staff(
    env: dict[str, str], username: str, group: str | None, superuser: bool = False
) -> str:
    """A staff account with a fresh random password (returned), in the role `group` if given
    (occupations.roles: "Counselor", "Content lead"). Name and password reach the shell
    through its environment, never its command line."""
    password = secrets.token_urlsafe(16)
    manage(
        {
            **env,
            "STAFF_USER": username,
            "STAFF_PASSWORD": password,
            "STAFF_GROUP": group or "",
            "STAFF_SUPERUSER": "1" if superuser else "0",
        },
        "shell",
        "-c",
        "import os\n"
        "from django.contrib.auth import get_user_model\n"
        "from occupations.roles import ensure_roles\n"
        "user = get_user_model().objects.create_user(\n"
        "    os.environ['STAFF_USER'], password=os.environ['STAFF_PASSWORD'], is_staff=True,\n"
        "    is_superuser=os.environ['STAFF_SUPERUSER'] == '1')\n"
        "if os.environ['STAFF_GROUP']:\n"
        "    user.groups.add(ensure_roles()[os.environ['STAFF_GROUP']])\n",
    )
    return password


# --- PostgreSQL and Redis ------------------------------------------------------------------------


def database_name(database_url: str) -> str:
    return urlsplit(database_url).path.lstrip("/")


def maintenance(database_url: str) -> psycopg.Connection:
    """A connection to the same server's `postgres` database, to create, drop and watch others."""
    url = urlsplit(database_url)._replace(path="/postgres").geturl()
    return psycopg.connect(url, autocommit=True)


def create_database(database_url: str, template: str | None = None) -> None:
    """The URL's database afresh (one a previous run left is dropped), a copy of `template`'s
    database if given."""
    name = sql.Identifier(database_name(database_url))
    create = sql.SQL("CREATE DATABASE {}").format(name)
    if template:
        create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(database_name(template)))
    with maintenance(database_url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(create)


def drop_databases(*database_urls: str) -> None:
    """Drop the URLs' databases (on one server), connections and all."""
    names = [database_name(url) for url in database_urls]
    with maintenance(database_urls[0]) as connection:
        for name in names:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    print(f"dropped {'databases' if len(names) > 1 else 'database'} {', '.join(names)}", flush=True)


def delete_cache_keys(redis_url: str, prefix: str) -> None:
    """Delete the keys under `prefix` and under prefixes that begin with it; nothing else in the
    Redis database is touched. Never raises: the cache may be what failed."""
    try:
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"{prefix}*:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
        print(f"deleted {len(keys)} cache keys under {prefix}:", flush=True)
    except Exception as error:
        print(f"could not delete the cache keys: {error}", flush=True)


# --- gunicorn ------------------------------------------------------------------------------------


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py on a free port of 127.0.0.1, started at once
    with `env`, its output in `log` (or on this terminal). Whoever starts one stops it."""

    def __init__(self, env: dict[str, str], log: Path | None, name: str = "gunicorn"):
        self.name, self.log = name, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # ALLOWED_HOSTS' first name, as a proxy or a load balancer would send it
        self.host = env["ALLOWED_HOSTS"].split(",")[0]
        with log.open("w") if log else contextlib.nullcontext() as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "careerpaths.wsgi"],
                cwd=ROOT,
                env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def wait_for(self, path: str = "/health/") -> None:
        """Return once `path` answers 200; Failure, with the log, if gunicorn exits first or
        90 s pass (a busy machine may take a while to start every worker)."""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                raise Failure(f"{self.name} exited with {code}:\n{self.output()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if self.status(path) == 200:
                    return
            time.sleep(0.3)
        raise Failure(f"{self.name} did not answer {path} within 90 s:\n{self.output()}")

    def status(self, path: str) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers={"Host": self.host})
            return connection.getresponse().status
        finally:
            connection.close()

    def output(self) -> str:
        return self.log.read_text() if self.log and self.log.exists() else ""

    def stop(self) -> bool:
        """SIGTERM to its PID, SIGKILL if it has not finished when gunicorn's graceful timeout
        (30 s) has passed and a little more; False if it had exited already."""
        if self.process.poll() is not None:
            return False
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return True
