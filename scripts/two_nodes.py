#!/usr/bin/env python3
"""Two web machines on one: proves that careerpaths keeps nothing that matters in one process.

    .venv/bin/python scripts/two_nodes.py [--database-url URL] [--redis-url URL]

It creates a fresh PostgreSQL database (the name must contain "twonode": it is dropped at the
start and at the end), migrates it, loads the demo, collects the static files into a temporary
folder and starts two gunicorn instances (node A and node B) on two free loopback ports with
DEBUG=false and the same DATABASE_URL and REDIS_URL. Then:

1. warms the page cache through both nodes: B's first view is served from what A stored;
2. signs a counselor in on A and changes an occupation's title through the admin change form
   (a real POST with the CSRF token), and reads the page from B at once: the new title, with
   the page cache missed (invalidated for every node) and then filled again;
3. uses the counselor's session from A on B (sessions are shared);
4. checks /health/ on both.

Whatever happens, it stops both gunicorns (by PID), drops its database and deletes its cache
keys (its own CACHE_KEY_PREFIX; nothing else in the Redis database is touched). Exit status 0
when every check passed. No proxy terminates HTTPS here, so the nodes run with
SECURE_SSL_REDIRECT=false and SECURE_COOKIES=false on the loopback; everything else is the
production configuration.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import psycopg
import servers
from servers import Failure

OCCUPATION = "diagnostic-medical-sonographer"
PAGE = f"/occupations/{OCCUPATION}/charlotte/"
COUNSELOR = "twonode-counselor"


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)
    print(f"  ok  {message}", flush=True)


# --- A small browser: cookies, no automatic redirects, forms read from HTML ---------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# Both nodes are reached under one host name, as behind a load balancer: a page's cache key is
# its whole URL, host included.
HOST = "careers.example.org"


class Browser:
    def __init__(self, base: str, jar: CookieJar | None = None):
        self.base = base
        self.jar = jar if jar is not None else CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.jar), _NoRedirect())

    def request(self, path: str, data: dict | None = None) -> Response:
        body = urlencode(data, doseq=True).encode() if data is not None else None
        request = Request(
            self.base + path, data=body, method="POST" if body else "GET", headers={"Host": HOST}
        )
        try:
            with self.opener.open(request, timeout=30) as answer:
                status, headers, raw = answer.status, answer.headers, answer.read()
        except HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            status, headers, raw = error.code, error.headers, error.read()
        return Response(status, {k.lower(): v for k, v in headers.items()}, raw.decode())

    get = request

    def post(self, path: str, data: dict) -> Response:
        return self.request(path, data)


class _FormReader(HTMLParser):
    """What a browser would submit for one form left as it is (text, hidden, checked boxes,
    selected options, textareas), and the page's <h1>."""

    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.in_form, self.data = form_id, form_id is None, {}
        self._select: tuple[str, bool] | None = None
        self._textarea: str | None = None
        self._h1: list[str] | None = None
        self.h1 = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if tag == "h1":
            self._h1 = []
        name = attrs.get("name")
        if not self.in_form or "disabled" in attrs or (name and "__prefix__" in name):
            return
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self.data.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs)
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select[0]].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "form" and self.form_id is not None:
            self.in_form = False
        elif tag == "select" and self._select:
            name, multiple = self._select
            if not multiple and not self.data[name]:
                self.data[name] = [""]
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "h1" and self._h1 is not None:
            self.h1, self._h1 = " ".join("".join(self._h1).split()), None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data
        if self._h1 is not None:
            self._h1.append(data)


def read_form(html: str, form_id: str | None = None) -> dict[str, list[str]]:
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.data


def heading(html: str) -> str:
    reader = _FormReader("-")
    reader.feed(html)
    return reader.h1


# --- The machines ---------------------------------------------------------------------------------


class TwoNodes:
    def __init__(self, database_url: str, redis_url: str):
        self.database_url, self.redis_url = database_url, redis_url
        self.database = servers.database_name(database_url)
        if "twonode" not in self.database:
            raise SystemExit(
                f"Refusing database {self.database!r}: its name must contain 'twonode'"
            )
        self.prefix = f"twonode-{secrets.token_hex(4)}"
        self.password = ""  # the counselor's, made by prepare()
        self.folder = Path(tempfile.mkdtemp(prefix="careerpaths-twonode-"))
        self.nodes: dict[str, servers.Gunicorn] = {}
        self.database_created = False
        self.env = {
            **servers.production_env(
                self.folder, database_url, HOST, page_cache=(redis_url, self.prefix)
            ),
            "SERVE_MEDIA": "true",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_THREADS": "2",
        }

    # Set-up

    def prepare(self) -> None:
        servers.create_database(self.database_url)
        self.database_created = True
        print(f"created database {self.database}", flush=True)
        servers.install_demo(self.env)
        servers.manage(self.env, "setup_roles")
        self.password = servers.create_staff(self.env, COUNSELOR, "Counselor")  # its role
        print("migrated, loaded the demo, collected static files, made a counselor", flush=True)

    def start(self, name: str) -> str:
        node = servers.Gunicorn(self.env, self.folder / f"node-{name}.log", f"node {name}")
        self.nodes[name] = node
        node.wait_for()
        print(f"node {name}: gunicorn pid {node.process.pid} at {node.url}", flush=True)
        return node.url

    # The checks

    def occupation_id(self) -> int:
        with psycopg.connect(self.database_url) as connection:
            row = connection.execute(
                "SELECT id FROM occupations_occupation WHERE slug = %s", [OCCUPATION]
            ).fetchone()
        return row[0]

    def run_checks(self, a: str, b: str) -> None:
        visitor_a, visitor_b = Browser(a), Browser(b)

        print("1. the page cache is shared", flush=True)
        first = visitor_a.get(PAGE)
        check(first.status == 200 and first.header("X-Page-Cache") == "miss", "A renders the page")
        original = heading(first.text)
        check(original == "Diagnostic Medical Sonographer", f"its title is {original!r}")
        check(visitor_a.get(PAGE).header("X-Page-Cache") == "hit", "A's next view is a cache hit")
        shared = visitor_b.get(PAGE)
        check(shared.header("X-Page-Cache") == "hit", "B's first view is the page A cached")
        check(heading(shared.text) == original, "with the same title")

        print("2. a counselor's edit on A shows on B at once", flush=True)
        counselor = Browser(a)
        login = counselor.get("/admin/login/")
        token = read_form(login.text, "login-form")["csrfmiddlewaretoken"][0]
        signed_in = counselor.post(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": token,
                "username": COUNSELOR,
                "password": self.password,
                "next": "/admin/",
            },
        )
        check(signed_in.status == 302, "the counselor signs in on A")
        change = f"/admin/occupations/occupation/{self.occupation_id()}/change/"
        form = counselor.get(change)
        check(form.status == 200, "A shows the occupation's change form")
        data = read_form(form.text, "occupation_form")
        new_title = f"Diagnostic Medical Sonographer {secrets.token_hex(3)}"
        data["title"] = [new_title]
        data["_save"] = ["Save"]
        saved = counselor.post(change, data)
        check(saved.status == 302, f"the admin on A saves the new title {new_title!r}")
        fresh = visitor_b.get(PAGE)
        check(fresh.header("X-Page-Cache") == "miss", "B's cached page was invalidated")
        check(heading(fresh.text) == new_title, "B shows the new title at once")
        again = visitor_b.get(PAGE)
        check(again.header("X-Page-Cache") == "hit", "B caches the new page")
        check(heading(again.text) == new_title, "with the new title")
        check(heading(visitor_a.get(PAGE).text) == new_title, "A shows the new title too")

        print("3. sessions are shared", flush=True)
        on_b = Browser(b, jar=counselor.jar).get("/admin/")
        check(on_b.status == 200, "the counselor's session from A is signed in on B")

        print("4. health", flush=True)
        for name, base in (("A", a), ("B", b)):
            health = Browser(base).get("/health/")
            answer = json.loads(health.text)
            check(health.status == 200 and answer["status"] == "ok", f"{name}: {health.text}")

    # Tear-down

    def clean_up(self) -> None:
        for name, node in self.nodes.items():
            if node.stop():  # False when it had exited already
                print(f"stopped node {name} (pid {node.process.pid})", flush=True)
        servers.delete_cache_keys(self.redis_url, self.prefix)
        if self.database_created:
            servers.drop_databases(self.database_url)
        shutil.rmtree(self.folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "TWO_NODE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cp_twonode"
        ),
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("TWO_NODE_REDIS_URL", "redis://127.0.0.1:6379/5"),
    )
    args = parser.parse_args(argv)
    run = TwoNodes(args.database_url, args.redis_url)
    try:
        run.prepare()
        a, b = run.start("A"), run.start("B")
        run.run_checks(a, b)
    except Failure as failure:
        print(f"FAILED: {failure}", flush=True)
        for name, node in run.nodes.items():
            print(
                f"--- node {name} log (last lines)\n" + "\n".join(node.output().splitlines()[-30:])
            )
        return 1
    finally:
        run.clean_up()
    print("two nodes: every check passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
