"""How far Django's own parts let target 2 go: the yardstick and the occupation page taken apart,
in-process, timed in alternation, printed as JSON.

Run by bench/run.py with the benchmark's environment (DJANGO_SETTINGS_MODULE=bench.settings):

    python -m bench.ceiling /occupations/diagnostic-medical-sonographer/charlotte/ --renders 200

Target 2 asks the occupation page, rendered from the database, for 3x the yardstick's throughput.
The parts timed here bound that ratio from above whatever the page's code does:

- the page's template alone, its context already built: no page that renders this HTML with
  Django's template engine can cost less, so `yardstick / template` caps the ratio;
- the yardstick's six simple queries alone (no request, no template): a page that made six such
  queries through the ORM, and nothing else, would reach `yardstick / six queries`;
- the yardstick's template alone: what 15 KB of Django template costs even when it is mostly
  text.

bench/run.py prints the two bounds: `yardstick / page template`, and
`yardstick / (page template + the yardstick's six queries)` for a page that reads its data with
six ORM queries no dearer than the yardstick's.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable

from bench.render import setup


def median_ms(parts: dict[str, Callable[[], object]], renders: int) -> dict[str, float]:
    """Each part's median time, the parts run in turn so that all see the same machine."""
    times: dict[str, list[float]] = {name: [] for name in parts}
    for _ in range(renders):
        for name, part in parts.items():
            start = time.perf_counter()
            part()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def main(argv: list[str]) -> int:
    args, client = setup(__doc__.split("\n\n")[0], argv)
    from django.template.loader import get_template

    from bench import YARDSTICK_PATH
    from bench.yardstick import YARDSTICK_TEMPLATE, yardstick_context

    page = client.get(args.path)
    if page.status_code != 200:
        print(json.dumps({"error": f"{args.path} answered {page.status_code}"}))
        return 1
    template = get_template(page.template_name[0])
    context, request = page.context_data, page.wsgi_request

    yardstick_template = get_template(YARDSTICK_TEMPLATE)
    yardstick_data = yardstick_context()
    parts = {
        "yardstick": lambda: client.get(YARDSTICK_PATH),
        "yardstick_queries": yardstick_context,
        "yardstick_template": lambda: yardstick_template.render(yardstick_data, request),
        "page": lambda: client.get(args.path),
        "page_template": lambda: template.render(context, request),
    }
    median_ms(parts, max(10, args.renders // 10))  # warm
    print(json.dumps(median_ms(parts, args.renders)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
