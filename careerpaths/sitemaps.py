"""sitemap.xml: every public page, the occupation and pathway pages once per metro area.

With the whole catalog that is hundreds of thousands of URLs, so the occupation x metro pairs
are a lazy sequence: a sitemap page computes only its own slice. Django's views do the rest
(index, pages, 404s, Last-Modified), except that a page's 50,000 URLs are written out by
`urlset_xml` rather than by Django's template, which took about 3 s a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from occupations.models import Area, Industry, Occupation
from pathways.models import Pathway


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["home", "industry_list"]

    def location(self, name: str) -> str:
        return reverse(name)


class IndustrySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Industry.objects.all()


@dataclass(frozen=True)
class PageInMetro:
    path: str
    lastmod: datetime | None


def url_template(name: str, **placeholders: str):
    """reverse() once with placeholder values; fill in each page's values by replacing them."""
    template = reverse(name, kwargs={key: f"--{key}--" for key in placeholders})

    def build(**values: str) -> str:
        url = template
        for key, value in values.items():
            url = url.replace(f"--{key}--", value)
        return url

    return build


class InEveryMetro(Sequence):
    """Every (row, metro) pair as a page, computed per slice rather than up front."""

    def __init__(self, rows: list[tuple], metros: list[str], build: Callable[..., str]):
        self.rows, self.metros, self.build = rows, metros, build

    def __len__(self) -> int:
        return len(self.rows) * len(self.metros)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        row, metro = divmod(index, len(self.metros))
        *keys, lastmod = self.rows[row]
        return PageInMetro(self.build(*keys, self.metros[metro]), lastmod)


class _InMetroSitemap(Sitemap):
    """Its pages are read once per request: the index asks for them twice (to count the
    sitemap's pages and for the newest date)."""

    changefreq = "monthly"

    def pages(self) -> InEveryMetro:
        raise NotImplementedError

    @cached_property
    def _pages(self) -> InEveryMetro:
        return self.pages()

    def items(self) -> InEveryMetro:
        return self._pages

    def location(self, page: PageInMetro) -> str:
        return page.path

    def lastmod(self, page: PageInMetro):
        return page.lastmod

    def metros(self) -> list[str]:
        return list(Area.objects.metros().order_by("slug").values_list("slug", flat=True))

    def get_latest_lastmod(self):
        """The newest row's date, without building every page of every metro."""
        return max((row[-1] for row in self.items().rows), default=None)


class OccupationSitemap(_InMetroSitemap):
    priority = 0.8

    def pages(self) -> InEveryMetro:
        rows = Occupation.objects.published().order_by("slug").values_list("slug", "updated")
        build = url_template("occupation_in_metro", slug="", metro="")
        return InEveryMetro(
            list(rows), self.metros(), lambda slug, metro: build(slug=slug, metro=metro)
        )


class PathwaySitemap(_InMetroSitemap):
    priority = 0.6

    def pages(self) -> InEveryMetro:
        rows = (
            Pathway.objects.published()
            .order_by("occupation__slug", "slug")
            .values_list("occupation__slug", "slug", "occupation__updated")
        )
        build = url_template("pathway_in_metro", occupation="", metro="", slug="")
        return InEveryMetro(
            list(rows),
            self.metros(),
            lambda occupation, slug, metro: build(occupation=occupation, slug=slug, metro=metro),
        )


SITEMAPS = {
    "pages": StaticSitemap,
    "industries": IndustrySitemap,
    "occupations": OccupationSitemap,
    "pathways": PathwaySitemap,
}


def urlset_xml(urls: list[dict]) -> str:
    """What Django's sitemap.xml template makes of `urls` (Sitemap.get_urls()), byte for byte,
    in a tenth of the time: plain string formatting instead of a template loop."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    days: dict = {}  # an occupation's date repeats for every metro: each is worked out once
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if lastmod := url["lastmod"]:
            if (day := days.get(lastmod)) is None:
                day = days[lastmod] = _day(lastmod)
            parts.append(f"<lastmod>{day}</lastmod>")
        if url["changefreq"]:
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url["priority"]:
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        for alternate in url.get("alternates", ()):
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>")
    parts.append("\n</urlset>\n")
    return "".join(parts)


def _day(moment) -> str:
    """Like the template's `date:"Y-m-d"`: an aware datetime in the current time zone."""
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment:%Y-%m-%d}"


def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One sitemap page: Django's view, its URLs written out by `urlset_xml`."""
    response = sitemap_views.sitemap(request, SITEMAPS, section)
    response.content = urlset_xml(response.context_data["urlset"])  # marks it rendered
    return response
