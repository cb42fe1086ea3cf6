"""The site's settings, plus the benchmark's yardstick view (bench/urls.py). Only bench/run.py
uses this module; the public site never routes to the yardstick."""

from careerpaths.settings import *  # noqa: F403
from careerpaths.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
