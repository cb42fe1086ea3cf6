"""Site-wide guards: migrations, every public page, friendly 404s, the demo fixture."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import URLPattern, get_resolver, reverse

from careerpaths.cache import CONTENT_APPS
from occupations.models import Area, Industry, Occupation
from pathways.models import Pathway
from tests.html import soup, texts


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


NOT_PAGES = {"health"}  # JSON for load balancers; see test_health.py


def argumentless_public_urls() -> list[str]:
    urls = []
    for pattern in get_resolver().url_patterns:
        if (
            isinstance(pattern, URLPattern)
            and pattern.name
            and pattern.name not in NOT_PAGES
            and not pattern.pattern.converters
        ):
            urls.append(reverse(pattern.name))
    return urls


def public_page_urls() -> list[str]:
    """Every kind of public page, with arguments taken from the demo content."""
    occupation = Occupation.objects.published().first()
    pathway = Pathway.objects.published().first()
    metro = Area.objects.default_metro()
    return [
        *argumentless_public_urls(),
        Industry.objects.first().get_absolute_url(),
        occupation.get_metro_url(metro),
        pathway.get_metro_url(metro),
    ]


@pytest.mark.django_db
def test_every_public_page_answers_200_with_exactly_one_h1(client, demo):
    urls = public_page_urls()
    assert len(urls) >= 9
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            assert len(soup(response).select("h1")) == 1, url


@pytest.mark.django_db
def test_every_occupation_and_pathway_of_the_demo_renders(client, demo):
    for metro in Area.objects.metros():
        for occupation in Occupation.objects.published():
            response = client.get(occupation.get_metro_url(metro))
            assert response.status_code == 200, (occupation, metro)
        for pathway in Pathway.objects.published().select_related("occupation"):
            assert client.get(pathway.get_metro_url(metro)).status_code == 200, (pathway, metro)


@pytest.mark.parametrize(
    "url",
    [
        "/occupations/no-such-job/charlotte/",
        "/occupations/diagnostic-medical-sonographer/atlantis/",
        "/occupations/diagnostic-medical-sonographer/?metro=atlantis",
        "/occupations/no-such-job/",
        "/occupations/diagnostic-medical-sonographer/charlotte/pathways/no-such-pathway/",
        "/occupations/diagnostic-medical-sonographer/pathways/no-such-pathway/",
        "/industries/no-such-industry/",
        "/industries/healthcare/?metro=atlantis",
        "/no/such/page/",
    ],
)
@pytest.mark.django_db
def test_unknown_things_get_a_friendly_404(client, demo, url):
    response = client.get(url)

    assert response.status_code == 404
    page = soup(response)
    assert texts(page, "h1") == ["We could not find that page"]
    assert page.find("a", href=reverse("industry_list")) is not None


@pytest.mark.django_db
def test_demo_fixture_has_enough_content_to_browse(demo):
    assert Industry.objects.count() >= 4
    assert Occupation.objects.published().count() >= 12
    assert Area.objects.metros().count() >= 2
    assert Area.objects.default_metro().slug == "charlotte"
    for occupation in Occupation.objects.all():
        assert occupation.pathways.exists(), occupation
        assert occupation.growth_band, occupation
        assert occupation.spotlight_image and occupation.spotlight_image_alt, occupation
    for pathway in Pathway.objects.all():
        assert pathway.certifications.exists(), pathway
        assert pathway.alternate_titles.exists(), pathway


def content_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in CONTENT_APPS
    }


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing(demo):
    first = content_counts()
    snapshot = list(Pathway.objects.values().order_by("pk"))

    call_command("loaddata", "demo", verbosity=0)

    assert content_counts() == first
    assert list(Pathway.objects.values().order_by("pk")) == snapshot
    assert first["occupations.Occupation"] >= 12
