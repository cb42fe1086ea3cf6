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
import shutil
import tempfile
from pathlib import Path

import servers


class ThrowawaySite:
    """`with ThrowawaySite() as site:` ... `site.url` answers until the block ends."""

    def __init__(self, workers: int = 2, log: bool = False):
        self.folder = Path(tempfile.mkdtemp(prefix="careerpaths-serve-"))
        self.log_path = None if log else self.folder / "gunicorn.log"
        self.server: servers.Gunicorn | None = None
        self.env = {
            **servers.production_env(
                self.folder, f"sqlite:///{self.folder / 'db.sqlite3'}", "127.0.0.1,localhost"
            ),
            "SERVE_MEDIA": "true",
            "SECURE_HSTS_SECONDS": "0",
            "WEB_CONCURRENCY": str(workers),
        }

    @property
    def url(self) -> str:
        return self.server.url

    def create_staff(self, username: str, group: str | None, superuser: bool = False) -> str:
        """A staff account on this site with a fresh random password (returned)."""
        return servers.create_staff(self.env, username, group, superuser)

    def __enter__(self) -> ThrowawaySite:
        try:
            servers.install_demo(self.env)
            servers.manage(self.env, "make_renditions", "--verbosity", "0")
            self.server = servers.Gunicorn(self.env, self.log_path)
            self.server.wait_for()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            if self.server:
                self.server.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def main() -> None:
    print("Preparing a throwaway site (fresh SQLite database, demo content) ...", flush=True)
    with ThrowawaySite(log=True) as site:
        pid = site.server.process.pid
        print(f"Serving {site.url} (gunicorn pid {pid}); Ctrl+C stops it.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            site.server.process.wait()


if __name__ == "__main__":
    main()
