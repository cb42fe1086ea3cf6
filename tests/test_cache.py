"""The shared page cache: public pages for anonymous visitors, invalidated by every change."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path, reverse
from taggit.models import Tag

from careerpaths.cache import CACHE_HEADER, content_changed, content_version, public_page
from occupations.models import Occupation
from pathways.models import MetroSpotlight, Pathway
from tests.html import form_data, soup, texts

SPOTLIGHT = "/occupations/diagnostic-medical-sonographer/charlotte/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    return settings


def title(response) -> str:
    return texts(soup(response), "h1")[0]


def featured(response) -> list[str]:
    return texts(soup(response), ".featured-pathway__title")


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_the_second_view_from_the_cache_without_queries(
    client, demo, page_cache, django_assert_num_queries
):
    first = client.get(SPOTLIGHT)
    with django_assert_num_queries(0):
        second = client.get(SPOTLIGHT)

    assert (first[CACHE_HEADER], second[CACHE_HEADER]) == ("miss", "hit")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Request-ID"] != first["X-Request-ID"]  # added afresh to every response


@pytest.mark.django_db
def test_every_public_page_is_cached(client, demo, page_cache):
    from tests.test_site import public_page_urls

    for url in public_page_urls():
        client.get(url)
        assert client.get(url)[CACHE_HEADER] == "hit", url


@pytest.mark.django_db
def test_a_counselors_edit_in_the_admin_shows_at_once(
    client, demo, alice, page_cache, django_capture_on_commit_callbacks
):
    assert "Obstetric and Gynecological Sonographer" in featured(client.get(SPOTLIGHT))
    assert client.get(SPOTLIGHT)[CACHE_HEADER] == "hit"
    pathway = Pathway.objects.get(slug="obstetric-and-gynecological-sonographer")
    url = reverse("admin:pathways_pathway_change", args=[pathway.pk])
    staff = client.__class__()
    staff.force_login(alice)
    data = form_data(soup(staff.get(url)), "#content-main form")
    data["title"] = "OB/GYN Sonographer"

    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(url, data).status_code == 302

    fresh = client.get(SPOTLIGHT)
    assert fresh[CACHE_HEADER] == "miss"
    assert "OB/GYN Sonographer" in featured(fresh)


@pytest.mark.django_db
def test_saving_or_deleting_any_content_changes_the_version(
    demo, page_cache, django_capture_on_commit_callbacks
):
    spotlight = MetroSpotlight.objects.first()
    pathway = Pathway.objects.first()
    changes = [
        lambda: MetroSpotlight.objects.filter(pk=spotlight.pk).first().save(),
        lambda: pathway.alternate_titles.first().delete(),
        lambda: Tag.objects.create(name="new tag", slug="new-tag"),
        lambda: Occupation.objects.first().tags.add("imaging"),
    ]
    for change in changes:
        before = content_version()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert content_version() != before


@pytest.mark.django_db
def test_the_version_changes_only_when_the_transaction_commits(
    demo, page_cache, django_capture_on_commit_callbacks
):
    """Until the change is committed, other machines would cache the old page under a new
    version; so nothing changes before the commit."""
    before = content_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Occupation.objects.first().save()
        assert content_version() == before
    for callback in callbacks:
        callback()
    assert content_version() != before


@pytest.mark.django_db
def test_content_changed_invalidates_pages_changed_without_signals(
    client, demo, page_cache, django_capture_on_commit_callbacks
):
    client.get(SPOTLIGHT)
    Occupation.objects.filter(slug="diagnostic-medical-sonographer").update(title="Bulk Edited")
    assert title(client.get(SPOTLIGHT)) == "Diagnostic Medical Sonographer"  # still cached

    with django_capture_on_commit_callbacks(execute=True):
        content_changed()  # what an importer calls after queryset.update() or bulk_create()

    assert title(client.get(SPOTLIGHT)) == "Bulk Edited"


@pytest.mark.django_db
def test_expire_pages_command_invalidates_every_page(
    client, demo, page_cache, django_capture_on_commit_callbacks
):
    client.get(SPOTLIGHT)
    Occupation.objects.filter(slug="diagnostic-medical-sonographer").update(title="SQL Edited")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_pages", stdout=StringIO())

    assert title(client.get(SPOTLIGHT)) == "SQL Edited"


@pytest.mark.django_db
def test_signed_in_staff_always_get_fresh_pages_and_never_fill_the_cache(
    client, demo, alice, page_cache
):
    staff = client.__class__()
    staff.force_login(alice)

    assert staff.get(SPOTLIGHT).get(CACHE_HEADER) != "hit"
    assert staff.get(SPOTLIGHT).get(CACHE_HEADER) != "hit"
    assert client.get(SPOTLIGHT)[CACHE_HEADER] == "miss"  # staff's views were not stored
    assert client.get(SPOTLIGHT)[CACHE_HEADER] == "hit"
    assert staff.get(SPOTLIGHT).get(CACHE_HEADER) != "hit"


@pytest.mark.django_db
def test_the_admin_and_the_health_check_are_never_page_cached(client, demo, page_cache):
    for url in [reverse("admin:login"), reverse("health")]:
        client.get(url)
        assert CACHE_HEADER not in client.get(url), url


@pytest.mark.django_db
def test_not_found_pages_and_redirects_are_not_stored(client, demo, page_cache):
    for url in ["/occupations/diagnostic-medical-sonographer/atlantis/", "/industries/nope/"]:
        assert client.get(url).status_code == 404
        assert client.get(url).get(CACHE_HEADER) != "hit", url
    redirect = reverse("occupation", kwargs={"slug": "diagnostic-medical-sonographer"})
    assert client.get(redirect).status_code == 302
    assert client.get(redirect).get(CACHE_HEADER) != "hit"


@pytest.mark.django_db
def test_the_key_is_the_whole_url_host_and_query_included(client, demo, page_cache):
    industries = reverse("industry_list")
    client.get(industries)

    assert client.get(industries, HTTP_HOST="localhost")[CACHE_HEADER] == "miss"
    assert client.get(industries, {"metro": "raleigh"})[CACHE_HEADER] == "miss"
    assert client.get(industries, secure=True)[CACHE_HEADER] == "miss"
    assert client.get(industries)[CACHE_HEADER] == "hit"


def _reads_the_session(request):
    request.session.get("anything")
    return HttpResponse("hello")


def _sets_a_cookie(request):
    response = HttpResponse("hello")
    response.set_cookie("seen", "1")
    return response


def _uses_a_csrf_token(request):
    return HttpResponse(f"<input value='{get_token(request)}'>")


def _says_private(request):
    response = HttpResponse("hello")
    response["Cache-Control"] = "private"
    return response


# Public views that depend on the visitor after all, served through the whole middleware stack.
urlpatterns = [
    path(f"{view.__name__.strip('_')}/", public_page(view))
    for view in (_reads_the_session, _sets_a_cookie, _uses_a_csrf_token, _says_private)
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url", ["/reads_the_session/", "/sets_a_cookie/", "/uses_a_csrf_token/", "/says_private/"]
)
def test_a_response_that_depends_on_the_visitor_is_never_stored(client, url, page_cache, db):
    assert client.get(url)[CACHE_HEADER] == "miss"
    client.cookies.clear()
    assert client.get(url)[CACHE_HEADER] == "miss"


@pytest.mark.django_db
def test_pages_are_still_served_when_the_cache_is_down(client, demo, page_cache):
    page_cache.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

    response = client.get(SPOTLIGHT)

    assert response.status_code == 200
    assert title(response) == "Diagnostic Medical Sonographer"
