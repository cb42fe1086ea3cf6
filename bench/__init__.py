"""The benchmark (README, "Benchmark"): `python bench/run.py`. Not part of the site or the tests."""
