"""The benchmark (README, "Benchmark"): `python bench/run.py`. Not part of the site or the tests."""

YARDSTICK_PATH = "/bench/yardstick/"  # bench/urls.py routes it; bench/run.py loads it
