#!/usr/bin/env python3
"""A throwaway production-like careerpaths on the loopback, for audits and screenshots.

    .venv/bin/python scripts/serve.py        serve until Ctrl+C, printing the address

`ThrowawaySite` (used by scripts/lighthouse.py and scripts/screenshots.py) makes a temporary
folder with a fresh SQLite database, migrates it, loads the demo content and its images, makes
the image renditions, collects the static files, and starts gunicorn (gunicorn.conf.py) on a
free port with the production settings: DEBUG=false, a throwaway SECRET_KEY, WhiteNoise's
hashed and compressed static files. Only HTTPS is left out (plain HTTP on 127.0.0.1, so
SECURE_SSL_REDIRECT and SECURE_COOKIES are false) and gunicorn serves /media/ itself
(SERVE_MEDIA) as there is no proxy. On leaving, gunicorn is stopped by its PID and the folder
is deleted.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawaySite:
    """`with ThrowawaySite() as site:` ... `site.url` answers until the block ends."""

    def __init__(self, workers: int = 2, log: bool = False):
        self.folder = Path(tempfile.mkdtemp(prefix="careerpaths-serve-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log_path = self.folder / "gunicorn.log"
        self.show_log = log
        base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
        self.env = {
            **base,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{self.folder / 'db.sqlite3'}",
            "STATIC_ROOT": str(self.folder / "static"),
            "MEDIA_ROOT": str(self.folder / "media"),
            "SERVE_MEDIA": "true",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            "LOG_LEVEL": "warning",
        }

    def manage(self, *args: str, env: dict | None = None) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode:
            output = result.stdout + result.stderr
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{output}")
        return result.stdout

    def prepare(self) -> None:
        shutil.copytree(ROOT / "media" / "demo", self.folder / "media" / "demo")
        self.manage("migrate", "--verbosity", "0")
        self.manage("loaddata", "demo", "--verbosity", "0")
        self.manage("make_renditions", "--verbosity", "0")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")

    def create_staff(self, username: str, group: str | None, superuser: bool = False) -> str:
        """A staff account with a fresh random password (returned), in `group` if given."""
        password = secrets.token_urlsafe(16)
        self.manage(
            "shell",
            "-c",
            "import os\n"
            "from django.contrib.auth import get_user_model\n"
            "from occupations.roles import ensure_roles\n"
            "user = get_user_model().objects.create_user(\n"
            "    os.environ['SERVE_USER'], password=os.environ['SERVE_PASSWORD'], is_staff=True,\n"
            "    is_superuser=os.environ['SERVE_SUPERUSER'] == '1')\n"
            "if os.environ['SERVE_GROUP']:\n"
            "    user.groups.add(ensure_roles()[os.environ['SERVE_GROUP']])\n",
            env={
                "SERVE_USER": username,
                "SERVE_PASSWORD": password,
                "SERVE_GROUP": group or "",
                "SERVE_SUPERUSER": "1" if superuser else "0",
            },
        )
        return password

    def start(self) -> None:
        output = None if self.show_log else self.log_path.open("w")
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "careerpaths.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urlopen(self.url + "/health/", timeout=5) as answer:
                    if answer.status == 200:
                        return
            except (URLError, ConnectionError, OSError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /health/ within 60 s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> ThrowawaySite:
        try:
            self.prepare()
            self.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def main() -> None:
    print("Preparing a throwaway site (fresh SQLite database, demo content) ...", flush=True)
    with ThrowawaySite(log=True) as site:
        print(f"Serving {site.url} (gunicorn pid {site.process.pid}); Ctrl+C stops it.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            site.process.wait()


if __name__ == "__main__":
    main()
