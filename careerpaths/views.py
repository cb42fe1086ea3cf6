"""Site-wide pages: home and robots.txt."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from occupations.models import Area, Industry, Occupation
from occupations.views import metro_from_query

FASTEST_GROWING = 6


def home(request: HttpRequest) -> HttpResponse:
    metro = metro_from_query(request)
    fastest = (
        Occupation.objects.published()
        .exclude(projected_change_percent=None)
        .select_related("projection_period__source")
        .order_by("-projected_change_percent", "title")[:FASTEST_GROWING]
    )
    return render(
        request,
        "home.html",
        {
            "industries": Industry.objects.all(),
            "metro": metro,
            "metros": list(Area.objects.metros()),
            "fastest_growing": fastest,
            "page_title": "Explore careers where you live",
        },
    )


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
