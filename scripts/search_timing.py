#!/usr/bin/env python3
"""Time the site search on the database named by DATABASE_URL (load the catalog there first).

    DATABASE_URL=... .venv/bin/python scripts/search_timing.py [--repeat 20]

Prints, for a fixed set of queries (titles, alternate titles, pathways, typos, no results),
the median and the slowest time per query in milliseconds, and how many results each gave.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

QUERIES = [
    "sonographer",
    "ultrasound tech",
    "nurse",
    "software developer",
    "electrician",
    "welding",
    "registered nurse critical care",
    "sonografer",  # a typo: no results, suggestions instead
    "zzzz",  # nothing at all
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpaths.settings")
    import django

    django.setup()
    from django.db import connection

    from occupations.models import AlternateOccupationTitle, Occupation
    from pathways.search import search, suggestions

    print(
        f"{connection.vendor}: {Occupation.objects.published().count()} occupations, "
        f"{AlternateOccupationTitle.objects.count()} alternate titles"
    )
    print(f"{'query':<34}{'results':>8}{'median ms':>11}{'max ms':>9}")
    for query in QUERIES:
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            results = search(query)
            if not results:
                suggestions(query)
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"{query:<34}{len(results):>8}{statistics.median(timings):>11.1f}{max(timings):>9.1f}"
        )


if __name__ == "__main__":
    main()
