"""Site-wide pages: home, robots.txt, and the health check for load balancers and monitoring."""

from __future__ import annotations

import logging
import secrets

from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from occupations.models import Industry, Occupation
from occupations.views import find_metro

FASTEST_GROWING = 6

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    metro, metros = find_metro(request.GET.get("metro", "").strip())
    growing = (
        Occupation.objects.published()
        .exclude(projected_change_percent=None)
        .with_metro_wage(metro)
        .select_related("projection_period__source")
        .order_by("-projected_change_percent", "title")
    )
    # Jobs people do in this metro (BLS reports them there), else the nation's fastest growing.
    fastest = list(growing.filter(metro_median__isnull=False)[:FASTEST_GROWING]) or list(
        growing[:FASTEST_GROWING]
    )
    return render(
        request,
        "home.html",
        {
            "industries": Industry.objects.all(),
            "metro": metro,
            "metros": metros,
            "fastest_growing": fastest,
            "page_title": "Explore careers where you live",
        },
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _database_answers() -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache_answers() -> bool:
    key, value = f"health:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


_CHECKS = {
    "database": (_database_answers, "the database did not answer"),
    "cache": (_cache_answers, "the cache did not answer"),
}


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok"} when this machine can use the database and the shared cache, else
    503 naming the failed check with a generic reason. Details go to the log, never out."""
    checks, failed = {}, False
    for name, (check, reason) in _CHECKS.items():
        try:
            ok = check()
        except Exception:
            logger.warning("Health check %s failed", name, exc_info=True)
            ok = False
        else:
            if not ok:
                logger.warning("Health check %s failed: unexpected answer", name)
        checks[name] = "ok" if ok else f"failed: {reason}"
        failed = failed or not ok
    return JsonResponse(
        {"status": "error" if failed else "ok", "checks": checks}, status=503 if failed else 200
    )
