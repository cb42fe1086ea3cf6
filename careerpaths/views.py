"""Site-wide pages: home and the error pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from occupations.models import Area, Industry


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home.html",
        {
            "industries": Industry.objects.all(),
            "metros": Area.objects.metros(),
        },
    )
