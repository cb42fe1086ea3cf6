"""Render one page in-process N times and print the median time and its query count as JSON.

Run by bench/run.py with the benchmark's environment (DJANGO_SETTINGS_MODULE=bench.settings):

    python -m bench.render /occupations/diagnostic-medical-sonographer/charlotte/ --renders 200

The page is rendered for a visitor with a session cookie, which the page cache always lets
through (careerpaths/cache.py): the time is the page's own, from the database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(description: str, argv: list[str]):
    """The command line (a path, --renders, --host), Django set up with the benchmark's
    settings, and a test client whose requests the page cache lets through to the database."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("path")
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST=args.host)
    client.cookies[settings.SESSION_COOKIE_NAME] = "bench-renders-from-the-database"
    return args, client


def main(argv: list[str]) -> int:
    args, client = setup(__doc__.split("\n\n")[0], argv)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(max(10, args.renders // 10)):  # warm: templates, connections, the metro cache
        response = client.get(args.path)
        if response.status_code != 200:
            print(json.dumps({"error": f"{args.path} answered {response.status_code}"}))
            return 1
    with CaptureQueriesContext(connection) as queries:
        client.get(args.path)
    query_count = len(queries.captured_queries)
    times, cpu_times = [], []
    for _ in range(args.renders):
        start, cpu_start = time.perf_counter(), time.process_time()
        client.get(args.path)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    print(
        json.dumps(
            {
                "median_ms": statistics.median(times) * 1000,
                "p10_ms": statistics.quantiles(times, n=10)[0] * 1000,
                # this process's CPU only: insensitive to the machine's other work, but blind
                # to a database server's
                "cpu_median_ms": statistics.median(cpu_times) * 1000,
                "queries": query_count,
                "bytes": len(response.content),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
