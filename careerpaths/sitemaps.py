"""sitemap.xml: every public page, the occupation and pathway pages once per metro area.

With the whole catalog that is hundreds of thousands of URLs, so the occupation x metro pairs
are a lazy sequence: a sitemap page computes only its own slice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
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
