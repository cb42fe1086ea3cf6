"""The site's URLs and the yardstick, for the benchmark only (bench/settings.py)."""

from django.urls import path

from bench.yardstick import yardstick
from careerpaths.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/yardstick/", yardstick, name="bench_yardstick"), *site_urlpatterns]
