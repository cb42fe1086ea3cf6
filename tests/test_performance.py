"""Performance budgets that tests can hold without timing anything: query counts that do not
grow with content, page and asset weights, static files compressed and cached for good, images
sized and lazy. Timings are bench/run.py's job (README, "Benchmark")."""

from __future__ import annotations

import gzip
import string
from itertools import product
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client
from taggit.models import Tag

from careerpaths.cache import CACHE_HEADER, content_changed
from occupations.models import Area, GrowthBand, Industry, Occupation, Status, TaggedOccupation
from pathways.models import (
    AlternateTitle,
    Certification,
    MetroSpotlight,
    Pathway,
    PathwayCertification,
    Tier,
)
from tests.html import soup

SONOGRAPHER = "diagnostic-medical-sonographer"
OCCUPATION_PAGE = f"/occupations/{SONOGRAPHER}/charlotte/"
KB = 1024

# Every kind of public page, the queries it makes, and whether one of them finds its metro:
# with the shared cache (production, REDIS_URL) that one comes from the cache instead. The
# occupation page finds its metro with its wages in one query, with the shared cache or without.
PAGES = [
    # metro (and its state's metros), fastest growing done in the metro and their wages (again
    # for the nation's fastest when the metro has no wages, as in the demo), industries
    ("home", "/", 5, True),
    ("industries", "/industries/", 1, False),  # industries with published occupation counts
    ("industry", "/industries/healthcare/", 3, True),  # industry, its occupations, metro
    # count, page, wages in the metro, industry names, five facets, pay ranges, metro
    ("occupation list", "/occupations/", 11, True),
    ("filtered list", "/occupations/?growth=very-fast&tier=core&sort=growth", 11, True),
    # matches by title, alternate title, pathway, pathway's alternate title, tag and text;
    # the occupations; metro
    ("search", "/search/?q=technician", 8, True),
    # the five ways to match, titles for suggestions, industries, metro
    ("search, no result", "/search/?q=zzzzqqq", 9, True),
    # metro, occupations, their wages in the metro, pathways, certifications
    ("compare", f"/compare/?o={SONOGRAPHER}&o=electrician&metro=raleigh", 5, True),
    # occupation; metro, its state's metros, the state and the nation with their wages;
    # pathways with this metro's spotlight; alternate titles; certifications; related occupations
    ("occupation", OCCUPATION_PAGE, 6, False),
    # occupation, metro, the pathway with its spotlight, alternate titles, certifications
    ("pathway", f"/occupations/{SONOGRAPHER}/charlotte/pathways/neurosonography/", 5, True),
    ("metros", f"/metros/?next=/occupations/{SONOGRAPHER}/", 1, False),  # states and metros
    # industries; occupations and pathways, each with the metros, read once for both the page
    # count and the latest date
    ("sitemap index", "/sitemap.xml", 5, False),
    ("sitemap, occupations", "/sitemap-occupations.xml", 2, False),
    ("sitemap, pathways", "/sitemap-pathways.xml", 2, False),
    ("robots.txt", "/robots.txt", 0, False),
]


def state_codes(count: int) -> list[str]:
    codes = ("".join(pair) for pair in product(string.ascii_uppercase, repeat=2))
    return [code for code in codes if code != "NC"][:count]


def add_metros(count: int = 400, in_nc: int = 15) -> None:
    """`count` more metro areas: `in_nc` in North Carolina (as many as it really has), the rest
    spread over 49 other states, like the whole catalog's 393."""
    states = state_codes(49)
    Area.objects.bulk_create(
        Area(
            kind="metro",
            name=f"Metro Area Number {n}, {'NC' if n < in_nc else states[n % 49]}",
            short_name=f"Metro {n}",
            slug=f"metro-{n}",
            code=f"9{n:04d}",
            state="NC" if n < in_nc else states[n % 49],
        )
        for n in range(count)
    )


def grow_content() -> None:
    """Far more of everything than the demo, so that a query per item would show: 400 metros,
    40 more occupations sharing the sonographer's tags, each with three pathways, and six more
    pathways of the sonographer, all with alternate titles, certifications in every tier and
    spotlights."""
    add_metros()
    healthcare = Industry.objects.get(slug="healthcare")
    sonographer = Occupation.objects.get(slug=SONOGRAPHER)
    occupations = Occupation.objects.bulk_create(
        Occupation(
            industry=healthcare,
            title=f"Technician {n}",
            title_plural=f"Technicians {n}",
            slug=f"technician-{n}",
            summary="Works with equipment.",
            growth_band=GrowthBand.FAST,
            projection_period=sonographer.projection_period,
            projected_change_percent=5,
            status=Status.PUBLISHED,
        )
        for n in range(40)
    )
    tags = list(sonographer.tags.all())
    TaggedOccupation.objects.bulk_create(
        TaggedOccupation(content_object=occupation, tag=tag)
        for occupation in occupations
        for tag in tags
    )
    Tag.objects.bulk_create(Tag(name=f"extra {n}", slug=f"extra-{n}") for n in range(30))
    pathways = Pathway.objects.bulk_create(
        [
            *(
                Pathway(occupation=o, title=f"{o.title} path {n}", slug=f"path-{n}", position=n)
                for o in occupations
                for n in range(3)
            ),
            *(
                Pathway(occupation=sonographer, title=f"Extra {n}", slug=f"extra-{n}", position=9)
                for n in range(6)
            ),
        ]
    )
    AlternateTitle.objects.bulk_create(
        AlternateTitle(pathway=p, title=f"{p.title} ({word})")
        for p in pathways
        for word in ("lead", "assistant")
    )
    certifications = Certification.objects.bulk_create(
        Certification(name=f"Certificate {n}", slug=f"certificate-{n}") for n in range(60)
    )
    PathwayCertification.objects.bulk_create(
        PathwayCertification(pathway=p, certification=certifications[(i + k) % 60], tier=tier)
        for i, p in enumerate(pathways)
        for k, tier in enumerate(Tier)
    )
    source = MetroSpotlight.objects.first().source
    metros = list(Area.objects.metros().filter(slug__in=["charlotte", "raleigh", "metro-1"]))
    MetroSpotlight.objects.bulk_create(
        MetroSpotlight(pathway=p, metro=m, rating=3, source=source, position=5)
        for p in pathways
        for m in metros
    )


@pytest.mark.django_db
def test_every_public_page_makes_a_fixed_number_of_queries(client, demo, django_assert_num_queries):
    def visit_every_page():
        for name, url, queries, _ in PAGES:
            with django_assert_num_queries(queries, info=f"{name}: {url}"):
                assert client.get(url).status_code == 200, url

    visit_every_page()
    grow_content()
    visit_every_page()


@pytest.mark.django_db
def test_with_the_shared_cache_pages_find_their_metro_without_a_query(
    client, demo, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """What a page costs when it is not in the page cache yet, in production."""
    settings.PAGE_CACHE_SECONDS = 300
    # A signed-out visitor's old session cookie: the page cache lets it through, so every page
    # renders; and a public page that looked at its visitor would show here as a query.
    client.cookies[settings.SESSION_COOKIE_NAME] = "expired"

    def visit_every_page():
        for _, url, _, _ in PAGES:
            client.get(url)  # keeps the metros in the shared cache
        for name, url, queries, finds_metro in PAGES:
            with django_assert_num_queries(queries - finds_metro, info=f"{name}: {url}"):
                response = client.get(url)
            assert response.status_code == 200 and CACHE_HEADER not in response, url

    visit_every_page()
    with django_capture_on_commit_callbacks(execute=True):
        grow_content()
        content_changed()  # bulk_create sends no signals
    visit_every_page()


# Weight


def html_size(response) -> int:
    return len(response.content)


@pytest.mark.django_db
def test_the_occupation_page_weighs_at_most_30_kb_even_with_every_metro(client, demo):
    assert html_size(client.get(OCCUPATION_PAGE)) <= 30 * KB

    add_metros(400)
    page = client.get(OCCUPATION_PAGE)

    assert html_size(page) <= 30 * KB
    picker = soup(page).select_one("form.metro-picker")
    offered = [option["value"] for option in picker.select("option")]
    assert offered == list(
        Area.objects.metros().filter(state="NC").order_by("name").values_list("slug", flat=True)
    )
    assert len(offered) == 3 + 15  # the demo's three and North Carolina's new ones, no more
    assert picker.select_one("a[href^='/metros/']") is not None


def linked_files(page) -> dict[str, list[Path]]:
    """The page's stylesheets and scripts, as files of the project."""

    def path(url: str) -> Path:
        assert url.startswith("/static/"), url
        return Path(finders.find(url.removeprefix("/static/")))

    return {
        "css": [path(link["href"]) for link in page.select("link[rel=stylesheet]")],
        "js": [path(script["src"]) for script in page.select("script[src]")],
    }


@pytest.mark.django_db
def test_the_occupation_page_loads_at_most_20_kb_of_css_and_5_kb_of_javascript(client, demo):
    files = linked_files(soup(client.get(OCCUPATION_PAGE)))

    assert files["css"] and files["js"]
    assert sum(f.stat().st_size for f in files["css"]) <= 20 * KB
    assert sum(f.stat().st_size for f in files["js"]) <= 5 * KB


@pytest.mark.django_db
def test_public_pages_are_sent_gzipped_to_browsers_that_accept_it(client, demo):
    plain = client.get(OCCUPATION_PAGE)
    packed = client.get(OCCUPATION_PAGE, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2
    assert int(packed["Content-Length"]) == len(packed.content)
    assert "Accept-Encoding" in plain["Vary"] and "Accept-Encoding" in packed["Vary"]
    assert "Content-Encoding" not in plain


@pytest.mark.django_db
def test_static_files_are_fingerprinted_compressed_and_cached_for_good(demo, settings, tmp_path):
    """With the production storage (collectstatic into a folder, as on a release), the page
    links fingerprinted files, and WhiteNoise serves them gzipped with immutable headers."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # a new handler, so WhiteNoise reads this STATIC_ROOT

    page = soup(client.get(OCCUPATION_PAGE))
    urls = [link["href"] for link in page.select("link[rel=stylesheet]")]
    urls += [script["src"] for script in page.select("script[src]")]

    assert len(urls) >= 3
    for url in urls:
        name = url.rsplit("/", 1)[-1]
        assert len(name.split(".")) == 3, f"{url} is not fingerprinted"
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip", url
        assert response["Cache-Control"] == "max-age=315360000, public, immutable", url
        assert "Accept-Encoding" in response["Vary"], url
        body = b"".join(response.streaming_content)
        original = (settings.STATIC_ROOT / url.removeprefix("/static/")).read_bytes()
        assert gzip.decompress(body) == original, url


@pytest.mark.django_db
def test_the_spotlight_image_is_responsive_loads_first_and_is_the_only_image(client, demo):
    call_command("make_renditions", verbosity=0)
    page = soup(client.get(OCCUPATION_PAGE))

    spotlight = page.select_one("img.spotlight__image")
    assert spotlight["srcset"] and spotlight["sizes"]
    assert spotlight["width"] and spotlight["height"]
    assert spotlight.get("loading") != "lazy"  # above the fold: the browser fetches it first
    assert spotlight["fetchpriority"] == "high"
    # No other image: one added below the fold must be loading="lazy" (README, "Weight").
    assert page.select("img") == [spotlight]
