"""The site's URLs, and the benchmark's two comparisons, for the benchmark only
(bench/settings.py): the yardstick view, and the occupation page behind Django's stock
`cache_page` instead of this site's page cache."""

from django.urls import path
from django.views.decorators.cache import cache_page

from bench import YARDSTICK_PATH
from bench.yardstick import yardstick
from careerpaths.urls import urlpatterns as site_urlpatterns
from pathways.views import OccupationSpotlightView

urlpatterns = [
    path(YARDSTICK_PATH.lstrip("/"), yardstick, name="bench_yardstick"),
    path(
        "bench/stock-cache-page/<slug:slug>/<slug:metro>/",
        cache_page(600)(OccupationSpotlightView.as_view()),
        name="bench_stock_cache_page",
    ),
    *site_urlpatterns,
]
