"""The careerpaths benchmark (issue 7): the occupation page cached and uncached, against a static
file and a yardstick view, on this machine, as ratios measured within one run.

    python bench/run.py                          # SQLite, ../shared/data, wrk when installed
    python bench/run.py --database postgres      # PostgreSQL (a fresh cp_perf_bench database)

It makes a fresh database, migrates, loads the demo, measures the occupation page's render time,
loads the whole catalog (`manage.py load_catalog <data>`; while that command does not exist,
catalog-sized content from bench/scale.py, and says so), measures the render time again,
collects the static files into a temporary folder, and starts gunicorn with the project's
gunicorn.conf.py (DEBUG=false, the Redis page cache on under a key prefix of its own) on a free
port of 127.0.0.1. Then it drives load with wrk (or, without wrk, a Python load generator) in
rounds over four cases:

  static     a file of the same size as the cached occupation page, served by WhiteNoise
  cached     the occupation page for an anonymous visitor, from the page cache
  stock      the same page from Django's stock cache_page (for reference; a session cookie
             makes this site's page cache stand aside)
  uncached   the occupation page rendered from the database (a session cookie, which the page
             cache lets through)
  yardstick  a plain view rendering a 15 KB template after six simple queries (bench/yardstick.py)

and prints req/s, p50 and p99 for each (medians over the rounds), the ratios against the issue's
targets, the page's weight and its query count. It stops everything it started and deletes its
database, cache keys and files, also when interrupted. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for bench and scripts.servers

from bench import YARDSTICK_PATH
from scripts import servers
from scripts.servers import ROOT, Failure

DEFAULT_DATA = ROOT.parent / "shared" / "data"
PAGE = "/occupations/diagnostic-medical-sonographer/charlotte/"

STOCK = "/bench/stock-cache-page/diagnostic-medical-sonographer/charlotte/"
BYPASS = "sessionid=bench-renders-from-the-database"  # the page cache lets session cookies through
TARGETS = {"cached_vs_static": 0.9, "uncached_vs_yardstick": 3.0, "render_growth": 1.2}
LIMITS_KB = {"html": 30, "css": 20, "js": 5}


def say(message: str) -> None:
    print(message, flush=True)


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages: how busy it was besides us."""
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


# --- HTTP ----------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return Answer(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
    finally:
        connection.close()


# --- Load generators -------------------------------------------------------------------------


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int = 0
    requests: int = 0
    cpu_ms: float = 0.0  # CPU per request of the server, Redis and the database (see CpuMeter)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk_ms(text: str, label: str) -> float:
    match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
    if not match:
        raise Failure(f"wrk printed no {label} latency:\n{text}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def run_wrk(wrk: str, url: str, seconds: float, connections: int, headers: list[str]) -> Result:
    command = [wrk, "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    text = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not rps:
        raise Failure(f"wrk printed no Requests/sec:\n{text}")
    total = re.search(r"(\d+) requests in", text)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket_errors = re.search(r"Socket errors:.*", text)
    errors = int(bad.group(1)) if bad else 0
    if socket_errors and re.search(r"(read|write|timeout) [1-9]", socket_errors.group(0)):
        errors += 1
    return Result(
        float(rps.group(1)),
        _wrk_ms(text, "50%"),
        _wrk_ms(text, "99%"),
        errors,
        int(total.group(1)) if total else 0,
    )


def run_python_load(port: int, path: str, seconds: float, connections: int, headers: list[str]):
    """A small keep-alive load generator for machines without wrk (it needs more CPU than wrk,
    so its figures are lower; the ratios are what count)."""
    extra = dict(header.split(": ", 1) for header in headers)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        mine: list[float] = []
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=extra)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - start)
        connection.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    if not latencies:
        raise Failure(f"no request to {path} succeeded")
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return Result(len(latencies) / elapsed, pick(0.50), pick(0.99), errors[0], len(latencies))


# --- CPU time ----------------------------------------------------------------------------------


def _stat(pid: int) -> list[str]:
    """/proc/<pid>/stat from the state field on (the command name may contain spaces)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


class CpuMeter:
    """CPU seconds used by gunicorn (master, its workers, and the workers it has recycled), the
    Redis server and, on PostgreSQL, the database's connections: the work each request costs,
    whatever else the machine is doing meanwhile. Linux only; Redis and PostgreSQL serve other
    clients too, so their share is an upper bound."""

    ticks = os.sysconf("SC_CLK_TCK")

    def __init__(self, master: int, redis_pid: int | None, database_pids):
        self.master, self.redis_pid, self.database_pids = master, redis_pid, database_pids
        self.last_seen: dict[int, int] = {}  # database connections, which come and go

    def seconds(self) -> float:
        fields = _stat(self.master)
        # utime, stime, and those of the workers it has recycled (cutime, cstime)
        total = sum(int(fields[i]) for i in (11, 12, 13, 14))
        for pid in [*self._workers(), *([self.redis_pid] if self.redis_pid else [])]:
            total += self._own(pid)
        for pid in self.database_pids():
            self.last_seen[pid] = self._own(pid) or self.last_seen.get(pid, 0)
        return (total + sum(self.last_seen.values())) / self.ticks

    @staticmethod
    def _own(pid: int) -> int:
        try:
            fields = _stat(pid)
        except OSError:  # gone meanwhile
            return 0
        return int(fields[11]) + int(fields[12])

    def _workers(self) -> list[int]:
        workers = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if int(_stat(int(entry.name))[1]) == self.master:
                        workers.append(int(entry.name))
                except (OSError, IndexError, ValueError):
                    continue
        return workers


# --- The run ---------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    path: str
    headers: list[str] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(result, attribute) for result in self.results)


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.folder = Path(tempfile.mkdtemp(prefix="careerpaths-bench-"))
        self.prefix = f"cp-perf-bench-{secrets.token_hex(4)}"
        self.server: servers.Gunicorn | None = None
        self.database_url = self._database_url()
        self.database_created = False
        self.env = {
            **servers.production_env(
                self.folder,
                self.database_url,
                "127.0.0.1",
                page_cache=(args.redis_url, self.prefix),
            ),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SERVE_MEDIA": "false",
        }
        if args.workers:
            self.env["WEB_CONCURRENCY"] = str(args.workers)
        self.notes: list[str] = []
        self.renders: list[tuple[dict, dict]] = []
        self.ceiling: dict[str, float] = {}
        self.extra_databases: list[str] = []

    def _database_url(self) -> str:
        if self.args.database == "sqlite":
            return f"sqlite:///{self.folder / 'bench.sqlite3'}"
        url = self.args.postgres_url
        name = servers.database_name(url)
        if not name.startswith("cp_perf"):
            raise SystemExit(f"Refusing database {name!r}: its name must start with cp_perf")
        return url

    @property
    def port(self) -> int:
        return self.server.port

    # Set-up

    def prepare(self) -> None:
        say(f"database: {self.args.database}; data: {self.args.data}; files in {self.folder}")
        if self.args.database == "postgres":
            servers.create_database(self.database_url)
            self.database_created = True
        servers.install_demo(self.env)
        servers.manage(self.env, "make_renditions", "--verbosity", "0")
        say("migrated, loaded the demo, made image renditions, collected static files")
        self.snapshot_demo()
        self.load_catalog()
        self.compare_renders()
        self.measure_ceiling()

    def snapshot_demo(self) -> None:
        """A copy of the database with the demo only, to time renders against (target 6)."""
        if self.args.database == "sqlite":
            copy = self.folder / "demo.sqlite3"
            shutil.copyfile(self.folder / "bench.sqlite3", copy)
            self.demo_database_url = f"sqlite:///{copy}"
            return
        name = f"{servers.database_name(self.database_url)}_demo"
        self.demo_database_url = urlsplit(self.database_url)._replace(path=f"/{name}").geturl()
        servers.create_database(self.demo_database_url, template=self.database_url)
        self.extra_databases.append(self.demo_database_url)

    def load_catalog(self) -> None:
        data = Path(self.args.data)
        commands = servers.manage(self.env, "help", "--commands")
        if self.args.no_catalog:
            self.catalog_label = "demo content (--no-catalog)"
            self.notes.append("--no-catalog: every figure is for the demo content.")
        elif "load_catalog" in commands.split():
            if not data.is_dir():
                raise Failure(f"no data folder at {data}")
            started = time.perf_counter()
            servers.manage(self.env, "load_catalog", str(data), timeout=1800)
            self.catalog_label = "whole catalog"
            say(f"loaded the whole catalog from {data} in {time.perf_counter() - started:.0f} s")
        elif data.is_dir():
            say(servers.python(self.env, "-m", "bench.scale", str(data), timeout=1800).strip())
            self.catalog_label = "catalog-sized stand-in"
            self.notes.append(
                "manage.py load_catalog does not exist on this branch yet: the catalog figures "
                "are for bench/scale.py's stand-in (every OEWS state and metro, every O*NET "
                "occupation; made-up pathways, certifications and spotlights; no wages)."
            )
        else:
            self.catalog_label = "demo content (no data folder)"
            self.notes.append(f"No data folder at {data}: every figure is for the demo content.")

    def render_time(self, database_url: str, prefix: str) -> dict:
        """The page's median in-process render time and query count on one database."""
        out = servers.python(
            {**self.env, "DATABASE_URL": database_url, "CACHE_KEY_PREFIX": prefix},
            "-m",
            "bench.render",
            PAGE,
            "--renders",
            str(self.args.renders),
            timeout=1800,
        )
        result = json.loads(out.strip().splitlines()[-1])
        if "error" in result:
            raise Failure(result["error"])
        return result

    def compare_renders(self) -> None:
        """Demo and catalog renders, alternated in rounds so that both see the same machine."""
        for number in range(1, self.args.rounds + 1):
            demo = self.render_time(self.demo_database_url, f"{self.prefix}-demo")
            catalog = self.render_time(self.database_url, self.prefix)
            self.renders.append((demo, catalog))
            say(
                f"  round {number}  render median: demo {demo['median_ms']:.2f} ms "
                f"({demo['queries']} queries, {demo['bytes']} bytes), {self.catalog_label} "
                f"{catalog['median_ms']:.2f} ms ({catalog['queries']} queries, "
                f"{catalog['bytes']} bytes)"
            )

    def measure_ceiling(self) -> None:
        """Target 2 taken apart in-process on the loaded database (bench/ceiling.py)."""
        out = servers.python(
            self.env,
            "-m",
            "bench.ceiling",
            PAGE,
            "--renders",
            str(self.args.renders * 2),
            timeout=1800,
        )
        self.ceiling = json.loads(out.strip().splitlines()[-1])
        if "error" in self.ceiling:
            raise Failure(self.ceiling["error"])

    # The server

    def start(self) -> None:
        self.server = servers.Gunicorn(self.env, self.folder / "gunicorn.log")
        self.server.wait_for()
        say(f"gunicorn pid {self.server.process.pid} on 127.0.0.1:{self.port} ({self.workers()})")

    def workers(self) -> str:
        out = servers.python(
            self.env,
            "-c",
            "import runpy; c = runpy.run_path('gunicorn.conf.py'); "
            "print(c['workers'], c['threads'], c['worker_class'])",
        ).split()
        return f"{out[0]} {out[2]} workers x {out[1]} threads, gunicorn.conf.py"

    def reload(self) -> None:
        """Restart the workers gracefully (WhiteNoise reads the static files when it starts)."""
        self.server.process.send_signal(signal.SIGHUP)
        time.sleep(2)

    # Checks and weights

    def same_size_static_file(self) -> str:
        """A static file exactly as large as the cached occupation page."""
        first = fetch(self.port, PAGE)
        again = fetch(self.port, PAGE)
        if first.status != 200 or again.headers.get("x-page-cache") != "hit":
            raise Failure(f"the occupation page is not served from the cache: {again.headers}")
        size = len(again.body)
        filler = b"<!doctype html><title>static</title><p>" + b"careerpaths " * (size // 12 + 1)
        name = f"bench/same-size-{size}.html"
        target = self.folder / "static" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(filler[:size])
        self.reload()
        self.server.wait_for(f"/static/{name}")
        say(f"static file /static/{name}: {size} bytes, the size of the cached page")
        return f"/static/{name}"

    def check(self, cases: list[Case]) -> None:
        for case in cases:
            answer = fetch(self.port, case.path, dict(h.split(": ", 1) for h in case.headers))
            if answer.status != 200:
                raise Failure(f"{case.name}: {case.path} answered {answer.status}")
            cache_state = answer.headers.get("x-page-cache", "-")
            expected = {"cached": "hit"}.get(case.name, "-")
            if cache_state != expected:
                raise Failure(f"{case.name}: X-Page-Cache is {cache_state!r}")
            if case.name == "stock" and "max-age=600" not in answer.headers["cache-control"]:
                raise Failure(f"stock: not from cache_page: {answer.headers['cache-control']}")
            size = len(answer.body)
            say(f"  {case.name:<9} {case.path}  {size} bytes, X-Page-Cache {cache_state}")

    def weights(self) -> list[tuple[str, int, int, int, str]]:
        page = fetch(self.port, PAGE)
        html = page.body.decode()
        gzip_page = fetch(self.port, PAGE, {"Accept-Encoding": "gzip"})
        rows = [
            (
                "html",
                len(page.body),
                len(gzip_page.body),
                LIMITS_KB["html"],
                f"{gzip_page.headers.get('content-encoding', 'identity')}; "
                f"{page.headers.get('cache-control', '')}",
            )
        ]
        for kind, pattern in (
            ("css", r'<link rel="stylesheet" href="([^"]+\.css)"'),
            ("js", r'<script src="([^"]+\.js)"'),
        ):
            raw_total = gz_total = 0
            notes = set()
            for url in re.findall(pattern, html):
                raw = fetch(self.port, url)
                packed = fetch(self.port, url, {"Accept-Encoding": "gzip"})
                raw_total += len(raw.body)
                gz_total += len(packed.body)
                notes.add(
                    f"{packed.headers.get('content-encoding', 'identity')}; "
                    f"{raw.headers.get('cache-control', '')}"
                )
            rows.append((kind, raw_total, gz_total, LIMITS_KB[kind], " / ".join(sorted(notes))))
        return rows

    # Load

    def drive(self, case: Case, seconds: float) -> Result:
        wrk = shutil.which("wrk")
        before = self.cpu.seconds()
        if wrk:
            url = f"http://127.0.0.1:{self.port}{case.path}"
            result = run_wrk(wrk, url, seconds, self.args.connections, case.headers)
        else:
            result = run_python_load(
                self.port, case.path, seconds, self.args.connections, case.headers
            )
        if result.requests:
            result.cpu_ms = (self.cpu.seconds() - before) * 1000 / result.requests
        return result

    def cpu_meter(self) -> CpuMeter:
        redis_pid = None
        if urlsplit(self.args.redis_url).hostname in ("127.0.0.1", "localhost"):
            import redis

            redis_pid = redis.Redis.from_url(self.args.redis_url).info("server")["process_id"]

        def database_pids() -> list[int]:
            if self.args.database != "postgres":
                return []  # SQLite works inside the gunicorn workers
            with servers.maintenance(self.database_url) as connection:
                rows = connection.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s",
                    [servers.database_name(self.database_url)],
                ).fetchall()
            return [pid for (pid,) in rows]

        return CpuMeter(self.server.process.pid, redis_pid, database_pids)

    def load(self, groups: list[list[Case]]) -> None:
        """The cases of a group (a case and what it is compared with) back to back, in rounds,
        their order turned every round: the machine's other work weighs on all alike."""
        generator = "wrk (Debian)" if shutil.which("wrk") else "a Python load generator (no wrk)"
        say(
            f"load: {generator}, {self.args.connections} connections, {self.args.rounds} rounds "
            f"of {self.args.duration:g} s per case (after 1 s to warm up)"
        )
        for number in range(1, self.args.rounds + 1):
            for group in groups:
                turn = number % len(group)
                for case in group[turn:] + group[:turn]:
                    self.drive(case, 1)
                    result = self.drive(case, self.args.duration)
                    if result.errors:
                        raise Failure(f"{case.name}: {result.errors} failed requests")
                    case.results.append(result)
                    say(
                        f"  round {number}  {case.name:<9} {result.rps:8.0f} req/s  "
                        f"p50 {result.p50_ms:7.2f} ms  p99 {result.p99_ms:7.2f} ms  "
                        f"cpu {result.cpu_ms:6.2f} ms/req"
                    )

    # Report

    def report(self, cases: list[Case], weights) -> None:
        by_name = {case.name: case for case in cases}

        def ratio(a: str, b: str) -> float:
            """The median over rounds of the per-round ratio (both measured moments apart)."""
            pairs = zip(by_name[a].results, by_name[b].results, strict=True)
            return statistics.median(x.rps / y.rps for x, y in pairs if y.rps)

        def cpu_ratio(a: str, b: str) -> float:
            """Throughput ratio implied by the CPU each request costs: less sensitive to the
            machine's other work than req/s."""
            pairs = zip(by_name[a].results, by_name[b].results, strict=True)
            return statistics.median(y.cpu_ms / x.cpu_ms for x, y in pairs if x.cpu_ms)

        say("")
        say(
            f"{'case':<10} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'cpu ms/req':>11}"
            "   (medians of the rounds)"
        )
        for case in cases:
            say(
                f"{case.name:<10} {case.median('rps'):9.0f} {case.median('p50_ms'):9.2f} "
                f"{case.median('p99_ms'):9.2f} {case.median('cpu_ms'):11.2f}"
            )
        say("")
        cached = ratio("cached", "static")
        stock = ratio("stock", "static")
        uncached = ratio("uncached", "yardstick")
        # Like the other ratios, the median of per-round ratios: both renders of a round are
        # timed moments apart, so one lucky or unlucky round cannot decide it.
        growth = statistics.median(c["median_ms"] / d["median_ms"] for d, c in self.renders)
        demo_ms = statistics.median(demo["median_ms"] for demo, _ in self.renders)
        catalog_ms = statistics.median(catalog["median_ms"] for _, catalog in self.renders)
        cpu_growth = statistics.median(
            c["cpu_median_ms"] / d["cpu_median_ms"] for d, c in self.renders
        )
        demo, catalog = self.renders[-1]
        rows = [
            ("1 cached page / static file", cached, f">= {TARGETS['cached_vs_static']}x"),
            ("2 uncached page / yardstick", uncached, f">= {TARGETS['uncached_vs_yardstick']}x"),
            (
                f"6 render, {self.catalog_label} / demo, per round "
                f"(medians {catalog_ms:.1f} / {demo_ms:.1f} ms)",
                growth,
                f"<= {TARGETS['render_growth']}x",
            ),
        ]
        passed = [
            cached >= TARGETS["cached_vs_static"],
            uncached >= TARGETS["uncached_vs_yardstick"],
            growth <= TARGETS["render_growth"],
        ]
        say(f"{'target':<72} measured   target")
        for (label, value, target), ok in zip(rows, passed, strict=True):
            say(f"{label:<72} {value:7.2f}x   {target:<8} {'met' if ok else 'NOT MET'}")
        say(
            f"  by CPU per request: 1 {cpu_ratio('cached', 'static'):.2f}x, "
            f"2 {cpu_ratio('uncached', 'yardstick'):.2f}x, 6 {cpu_growth:.2f}x (render's own CPU)"
        )
        say(
            f"  Django's stock cache_page on the same page / static file: {stock:.2f}x "
            f"({cpu_ratio('stock', 'static'):.2f}x by CPU per request)"
        )
        parts = self.ceiling
        say(
            "  taken apart in-process (bench/ceiling.py, medians, ms): yardstick "
            f"{parts['yardstick']:.2f} = its six queries {parts['yardstick_queries']:.2f} + its "
            f"template {parts['yardstick_template']:.2f} + the request; the page "
            f"{parts['page']:.2f}, its template alone {parts['page_template']:.2f}"
        )
        template_only = parts["yardstick"] / parts["page_template"]
        with_queries = parts["yardstick"] / (parts["page_template"] + parts["yardstick_queries"])
        say(
            f"  so target 2 is at most {template_only:.2f}x for this page's HTML from Django's "
            "templates even if its data cost nothing, and at most "
            f"{with_queries:.2f}x with six ORM queries as simple as the yardstick's"
        )
        say(
            f"4 occupation page queries, uncached: {catalog['queries']} with the shared cache "
            f"({demo['queries']} on the demo); target <= 6"
        )
        say("")
        say("5 weight    raw KB   gzip KB   limit KB   served")
        for kind, raw, packed, limit, served in weights:
            ok = "met" if raw <= limit * 1024 else "NOT MET"
            say(f"  {kind:<6} {raw / 1024:8.1f} {packed / 1024:9.1f} {limit:10}   {ok}; {served}")
        say(f"machine: load average {load_average()} at the end")
        for note in self.notes:
            say(f"note: {note}")

    # Clean-up

    def clean_up(self) -> None:
        if self.server and self.server.stop():
            say(f"stopped gunicorn (pid {self.server.process.pid})")
        servers.delete_cache_keys(self.args.redis_url, self.prefix)
        if self.database_created:
            servers.drop_databases(self.database_url, *self.extra_databases)
        shutil.rmtree(self.folder, ignore_errors=True)
        say(f"removed {self.folder}")

    def run(self) -> None:
        say(f"machine: {os.cpu_count()} cores, load average {load_average()} at the start")
        self.prepare()
        self.start()
        static = self.same_size_static_file()
        static, cached, stock, uncached, yardstick = cases = [
            Case("static", static),
            Case("cached", PAGE),
            Case("stock", STOCK, [f"Cookie: {BYPASS}"]),
            Case("uncached", PAGE, [f"Cookie: {BYPASS}"]),
            Case("yardstick", YARDSTICK_PATH),
        ]
        say("cases:")
        self.check(cases)
        self.cpu = self.cpu_meter()
        weights = self.weights()
        self.load([[static, cached, stock], [uncached, yardstick]])
        self.report(cases, weights)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", default=str(DEFAULT_DATA), help="the public data folder (../shared/data)"
    )
    parser.add_argument(
        "--no-catalog",
        action="store_true",
        help="measure with the demo content only (a quick run; target 6 compares demo to demo)",
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--postgres-url",
        default="postgres://postgres@127.0.0.1:5432/cp_perf_bench",
        help="with --database postgres: created afresh and dropped at the end (name cp_perf*)",
    )
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/7",
        help="the page cache; only keys under a fresh prefix are written and deleted",
    )
    parser.add_argument("--duration", type=float, default=3, help="seconds per case and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--renders", type=int, default=100, help="in-process renders timed per round"
    )
    parser.add_argument("--workers", type=int, help="WEB_CONCURRENCY (default: gunicorn.conf.py)")
    args = parser.parse_args(argv)

    bench = Bench(args)
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        bench.run()
    except Failure as failure:
        say(f"FAILED: {failure}")
        log = bench.folder / "gunicorn.log"
        if log.exists():
            say("--- gunicorn log (last lines)\n" + "\n".join(log.read_text().splitlines()[-20:]))
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
        bench.clean_up()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
