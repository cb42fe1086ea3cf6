"""The benchmark's yardstick: a plain Django view that renders a 15 KB template after six
simple queries, as a first version of a page typically is. The occupation page is measured
against it (issue 7, target 2). It goes through the same middleware as every page and is never
page-cached."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from occupations.models import Area, DataSource, Industry, Occupation
from pathways.models import Certification, Pathway

ROWS = 10
YARDSTICK_TEMPLATE = "bench/yardstick.html"


def yardstick_context() -> dict[str, list]:
    """The six simple queries."""
    return {
        "industries": list(Industry.objects.all()[:ROWS]),
        "occupations": list(Occupation.objects.filter(status="published")[:ROWS]),
        "metros": list(Area.objects.filter(kind="metro")[:ROWS]),
        "pathways": list(Pathway.objects.all()[:ROWS]),
        "certifications": list(Certification.objects.all()[:ROWS]),
        "sources": list(DataSource.objects.all()[:ROWS]),
    }


def yardstick(request: HttpRequest) -> HttpResponse:
    return render(request, YARDSTICK_TEMPLATE, yardstick_context())
