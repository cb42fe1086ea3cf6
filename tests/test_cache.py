"""The shared page cache: public pages for anonymous visitors, invalidated by every change."""

from __future__ import annotations

import gzip
from io import StringIO

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import path, reverse
from taggit.models import Tag

from careerpaths import cache as page_cache_module
from careerpaths.cache import (
    CACHE_HEADER,
    PageCacheApp,
    _replace_version,
    by_content_version,
    content_changed,
    content_version,
    public_page,
)
from occupations.models import Area, Occupation, Status
from occupations.views import find_metro
from pathways.models import MetroSpotlight, Pathway
from tests.html import form_data, readable_text, soup, texts
from tests.importing import OEWS, copy_with, run

SPOTLIGHT = "/occupations/diagnostic-medical-sonographer/charlotte/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_MAX_AGE = 60
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
def test_a_hit_carries_the_same_headers_as_the_page_it_was_stored_from(client, demo, page_cache):
    miss = client.get(SPOTLIGHT)
    hit = client.get(SPOTLIGHT)

    assert (miss[CACHE_HEADER], hit[CACHE_HEADER]) == ("miss", "hit")
    for header in [
        "Content-Type",
        "Content-Length",
        "Content-Security-Policy",
        "X-Frame-Options",
        "ETag",
        "Cache-Control",
        "Vary",
        # added by the security middleware, which runs inside the page cache: stored too
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ]:
        assert hit[header] == miss[header], header
    assert "Set-Cookie" not in hit and not hit.cookies


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
def test_a_transaction_replaces_the_version_once_however_much_it_changes(
    demo, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        occupation = Occupation.objects.first()
        occupation.save()
        occupation.tags.add("imaging", "anatomy")
        Pathway.objects.first().save()
    assert len([c for c in callbacks if getattr(c, "func", None) is _replace_version]) == 1


@pytest.mark.django_db
def test_a_change_rolled_back_with_its_savepoint_does_not_stop_a_later_one_replacing_the_version(
    demo, page_cache, django_capture_on_commit_callbacks
):
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            content_changed()
            raise RuntimeError  # the savepoint is rolled back, and its commit callbacks with it
        content_changed()
    assert content_version() != before


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


def _changes_while_rendering(request):
    _replace_version()  # another machine commits a change while this page renders
    return HttpResponse("rendered from the content as it was")


# Public views that depend on the visitor after all, and one that races a change, served through
# the whole middleware stack.
urlpatterns = [
    path(f"{view.__name__.strip('_')}/", public_page(view))
    for view in (
        _reads_the_session,
        _sets_a_cookie,
        _uses_a_csrf_token,
        _says_private,
        _changes_while_rendering,
    )
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


# Every page a change to the sonographer shows on, and the one place it can be seen on each.
AFFECTED = [
    SPOTLIGHT,
    "/industries/healthcare/",
    "/occupations/",
    "/search/?q=sonographer",
    "/sitemap-occupations.xml",
]


def warm(client, urls: list[str]) -> None:
    for url in urls:
        client.get(url)
        assert client.get(url)[CACHE_HEADER] == "hit", url


def text(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_a_counselors_edit_shows_on_every_affected_page_at_once(
    client, demo, alice, page_cache, django_capture_on_commit_callbacks
):
    warm(client, AFFECTED)
    occupation = Occupation.objects.get(slug="diagnostic-medical-sonographer")
    url = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    staff = client.__class__()
    staff.force_login(alice)
    data = form_data(soup(staff.get(url)), "#content-main form")
    data["title"] = "Ultrasound Imaging Specialist"

    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(url, data).status_code == 302

    for url in AFFECTED:
        fresh = client.get(url)
        assert fresh[CACHE_HEADER] == "miss", url
        if not url.startswith("/sitemap"):  # it names pages, not titles
            assert "Ultrasound Imaging Specialist" in text(fresh), url
            assert "Diagnostic Medical Sonographer<" not in text(fresh), url


@pytest.mark.django_db
def test_publishing_and_unpublishing_show_on_every_affected_page_at_once(
    client, demo, bob, page_cache, django_capture_on_commit_callbacks
):
    occupation = Occupation.objects.get(slug="diagnostic-medical-sonographer")
    lead = client.__class__()
    lead.force_login(bob)

    def act(action: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            response = lead.post(
                reverse("admin:occupations_occupation_changelist"),
                {"action": action, "_selected_action": [occupation.pk], "index": "0"},
            )
        assert response.status_code == 302

    warm(client, AFFECTED)
    act("unpublish")

    assert client.get(SPOTLIGHT).status_code == 404
    for url in AFFECTED[1:]:
        page = client.get(url)
        assert page[CACHE_HEADER] == "miss", url
        assert occupation.slug not in text(page), url

    warm(client, AFFECTED[1:])
    act("publish")

    for url in AFFECTED:
        page = client.get(url)
        assert page.status_code == 200 and page[CACHE_HEADER] == "miss", url
        assert occupation.slug in text(page), url


@pytest.mark.django_db
def test_an_import_shows_on_every_affected_page_once_it_calls_content_changed(
    client, demo, page_cache, django_capture_on_commit_callbacks
):
    warm(client, AFFECTED)

    with django_capture_on_commit_callbacks(execute=True):
        Occupation.objects.filter(slug="diagnostic-medical-sonographer").update(
            title="Imported Sonographer Title"
        )
        content_changed()  # what an importer calls after update() or bulk_create()

    for url in AFFECTED:
        page = client.get(url)
        assert page[CACHE_HEADER] == "miss", url
        if not url.startswith("/sitemap"):
            assert "Imported Sonographer Title" in text(page), url


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_page_rendered_while_content_changes_is_not_served_after_the_change(
    client, db, page_cache
):
    """The entry records the version read before rendering: a change that commits while the
    page renders (on any machine) makes it stale at once, never the other way round."""

    assert client.get("/changes_while_rendering/")[CACHE_HEADER] == "miss"
    assert client.get("/changes_while_rendering/")[CACHE_HEADER] == "miss"


@pytest.mark.django_db
def test_drafts_are_never_cached_for_the_public(
    client, demo, alice, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Pathway.objects.filter(slug="neurosonography").update(status=Status.DRAFT)
        content_changed()
    staff = client.__class__()
    staff.force_login(alice)
    draft_page = f"{SPOTLIGHT}pathways/neurosonography/"

    assert staff.get(draft_page).status_code == 200
    preview = staff.get(SPOTLIGHT, {"preview": "1"})
    assert "Neurosonography Draft" in texts(soup(preview), ".pathway-list li")

    for _ in range(2):
        assert client.get(draft_page).status_code == 404
        public = client.get(SPOTLIGHT, {"preview": "1"})
        assert "Neurosonography" not in readable_text(soup(public).select_one("main"))
        assert "Draft preview" not in text(public)
        assert public.get(CACHE_HEADER) != "hit"
    assert "Neurosonography" not in readable_text(soup(client.get(SPOTLIGHT)).select_one("main"))


@pytest.mark.django_db
def test_staff_never_get_a_cached_public_page_in_place_of_a_preview(
    client, demo, alice, page_cache
):
    warm(client, [SPOTLIGHT])  # the published page, in the cache for the public
    # Unpublished without content_changed(): the public copy stays in the cache for now.
    Occupation.objects.filter(slug="diagnostic-medical-sonographer").update(status=Status.DRAFT)
    staff = client.__class__()
    staff.force_login(alice)

    for response in (staff.get(SPOTLIGHT), staff.get(SPOTLIGHT, {"preview": "1"})):
        assert response.status_code == 200
        assert response.get(CACHE_HEADER) != "hit"
        assert "This occupation is a draft" in text(response)
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control


@pytest.mark.django_db
def test_public_pages_tell_browsers_and_proxies_how_to_cache_them(client, demo, alice, settings):
    settings.PAGE_MAX_AGE = 60
    public = client.get(SPOTLIGHT)
    assert public["Cache-Control"] == "public, max-age=60, stale-while-revalidate=60"
    assert public["ETag"].startswith('W/"')
    assert "Cookie" not in public["Vary"]

    client.force_login(alice)  # signed in: a page for one person
    staff = client.get(SPOTLIGHT)
    assert "private" in staff["Cache-Control"] and "public" not in staff["Cache-Control"]
    assert "private" in client.get(reverse("admin:index"))["Cache-Control"]


@pytest.mark.parametrize("cached", [False, True], ids=["page cache off", "page cache on"])
@pytest.mark.django_db
def test_conditional_get_answers_304_when_the_page_has_not_changed(
    client, demo, settings, cached, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300 if cached else 0
    first = client.get(SPOTLIGHT)
    etag = first["ETag"]

    again = client.get(SPOTLIGHT, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag and again["Cache-Control"] == first["Cache-Control"]
    if cached:
        assert again[CACHE_HEADER] == "hit"
    assert client.get(SPOTLIGHT, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        occupation = Occupation.objects.get(slug="diagnostic-medical-sonographer")
        occupation.title = "Changed Title"
        occupation.save()
    changed = client.get(SPOTLIGHT, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.django_db
def test_metro_areas_are_kept_by_content_version(
    demo, page_cache, django_assert_num_queries, django_capture_on_commit_callbacks
):
    find_metro("charlotte")
    with django_assert_num_queries(0):
        metro, _ = find_metro("charlotte")
    assert metro.slug == "charlotte"

    with django_capture_on_commit_callbacks(execute=True):
        raleigh = Area.objects.get(slug="raleigh")
        raleigh.name = "Raleigh-Cary-Wake, NC"
        raleigh.save()

    assert "Raleigh-Cary-Wake, NC" in [m.name for m in find_metro("charlotte")[1]]


@pytest.mark.django_db
def test_a_metro_that_comes_to_share_its_short_name_is_named_with_its_state_at_once(
    client, demo, page_cache, tmp_path, django_capture_on_commit_callbacks
):
    """An import that adds a namesake metro, and a rename in the admin that ends the sharing,
    show on cached pages (the page itself, and the metros kept by content version) at once."""
    pathway = "/occupations/diagnostic-medical-sonographer/charlotte/pathways/neurosonography/"

    def titles() -> list[str]:
        return [soup(client.get(url)).title.get_text(strip=True) for url in (SPOTLIGHT, pathway)]

    assert titles() == [
        "Diagnostic Medical Sonographer in the Charlotte metro area · careerpaths",
        "Neurosonography · Diagnostic Medical Sonographer in the Charlotte metro area · "
        "careerpaths",
    ]
    assert client.get(SPOTLIGHT)[CACHE_HEADER] == "hit"
    asheville = b'11700,"Asheville, NC",4,NC'
    row = next(
        line for line in gzip.decompress(OEWS.read_bytes()).splitlines() if asheville in line
    )
    namesake = row.replace(asheville, b'99001,"Charlotte, MI",4,MI')
    oews = copy_with(OEWS, tmp_path / OEWS.name, row, row + b"\n" + namesake)

    with django_capture_on_commit_callbacks(execute=True):
        run("import_oews", oews)

    assert titles() == [
        "Diagnostic Medical Sonographer in the Charlotte, NC metro area · careerpaths",
        "Neurosonography · Diagnostic Medical Sonographer in the Charlotte, NC metro area · "
        "careerpaths",
    ]
    assert (
        "in the Charlotte, NC metro area."
        in texts(soup(client.get(SPOTLIGHT)), ".snapshot-intro")[0]
    )

    with django_capture_on_commit_callbacks(execute=True):
        michigan = Area.objects.get(code="99001")
        michigan.short_name = "Charlotte Township"
        michigan.save()

    assert titles() == [
        "Diagnostic Medical Sonographer in the Charlotte metro area · careerpaths",
        "Neurosonography · Diagnostic Medical Sonographer in the Charlotte metro area · "
        "careerpaths",
    ]


@pytest.mark.django_db
def test_by_content_version_keeps_no_answer_for_things_that_do_not_exist(db, page_cache):
    calls = []

    def compute():
        calls.append(1)
        return None

    assert by_content_version("nothing", compute) is None
    assert by_content_version("nothing", compute) is None
    assert len(calls) == 2


@pytest.mark.django_db
def test_new_image_renditions_show_at_once(
    client, demo, page_cache, django_capture_on_commit_callbacks
):
    """make_renditions records them with update(), which sends no signal."""
    assert not soup(client.get(SPOTLIGHT)).select_one("img.spotlight__image").get("srcset")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_renditions", verbosity=0)

    assert soup(client.get(SPOTLIGHT)).select_one("img.spotlight__image")["srcset"]


# --- Under gunicorn: hits answered in front of Django (careerpaths.wsgi) ----------------------


def wsgi_get(app, path: str, method: str = "GET", **headers) -> tuple[str, dict, bytes]:
    environ = RequestFactory().generic(method, path, **headers).environ
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=status, headers=dict(response_headers))

    answer = app(environ, start_response)
    try:
        body = b"".join(answer)
    finally:
        if hasattr(answer, "close"):
            answer.close()  # as a WSGI server does
    return started["status"], started["headers"], body


@pytest.fixture
def django_handler():
    """Django's WSGI handler, as gunicorn runs it, except that requests leave the test's
    database connection open (as the test client's do)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


def must_not_run(environ, start_response):
    raise AssertionError(f"Django handled {environ['PATH_INFO']}")


def test_gunicorn_runs_django_behind_the_page_cache():
    from careerpaths.wsgi import application

    assert isinstance(application, PageCacheApp)
    assert isinstance(application.django_app, WSGIHandler)


@pytest.mark.django_db
def test_a_hit_is_answered_before_django_with_the_stored_page_and_headers(
    client, demo, page_cache, django_assert_num_queries
):
    miss = client.get(SPOTLIGHT)
    with django_assert_num_queries(0):
        status, headers, body = wsgi_get(PageCacheApp(must_not_run), SPOTLIGHT)

    assert status == "200 OK" and body == miss.content
    assert headers[CACHE_HEADER] == "hit"
    assert len(headers["X-Request-ID"]) == 32 and headers["X-Request-ID"] != miss["X-Request-ID"]
    for name in ["Content-Type", "Content-Length", "ETag", "Cache-Control", "Vary"]:
        assert headers[name] == miss[name], name
    for name in ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"]:
        assert headers[name] == miss[name], name
    assert "Set-Cookie" not in headers


@pytest.mark.django_db
def test_a_hit_before_django_is_gzipped_for_clients_that_accept_it_and_304_when_unchanged(
    client, demo, page_cache
):
    miss = client.get(SPOTLIGHT)
    app = PageCacheApp(must_not_run)

    _, headers, body = wsgi_get(app, SPOTLIGHT, HTTP_ACCEPT_ENCODING="gzip, br")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == miss.content
    assert headers["Content-Length"] == str(len(body))

    status, headers, body = wsgi_get(app, SPOTLIGHT, HTTP_IF_NONE_MATCH=miss["ETag"])
    assert status == "304 Not Modified" and body == b""
    assert headers["ETag"] == miss["ETag"] and headers["Cache-Control"] == miss["Cache-Control"]

    status, _, _ = wsgi_get(app, SPOTLIGHT, "HEAD")
    assert status == "200 OK"


@pytest.mark.django_db
def test_a_proxys_request_id_is_echoed_on_hits_before_django(client, demo, page_cache):
    client.get(SPOTLIGHT)
    _, headers, _ = wsgi_get(PageCacheApp(must_not_run), SPOTLIGHT, HTTP_X_REQUEST_ID="edge-42")
    assert headers["X-Request-ID"] == "edge-42"


@pytest.mark.parametrize(
    "what, path, method, headers, looked_up",
    [
        ("signed in", SPOTLIGHT, "GET", {"HTTP_COOKIE": "sessionid=abc"}, False),
        ("a form", SPOTLIGHT, "POST", {}, False),
        ("another page", "/industries/", "GET", {}, True),
        ("another query", SPOTLIGHT + "?x=1", "GET", {}, True),
        ("a static file", "/static/css/site.css", "GET", {}, False),
    ],
)
@pytest.mark.django_db
def test_everything_but_a_hit_goes_to_django(
    client, demo, page_cache, monkeypatch, what, path, method, headers, looked_up
):
    """...and only pages an anonymous visitor may get from the cache cost a lookup."""
    client.get(SPOTLIGHT)
    lookups = []
    real_lookup = page_cache_module._lookup
    monkeypatch.setattr(
        page_cache_module, "_lookup", lambda key: lookups.append(key) or real_lookup(key)
    )
    seen = []

    def django_app(environ, start_response):
        seen.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b""]

    wsgi_get(PageCacheApp(django_app), path, method, **headers)
    assert seen == [path.split("?")[0]], what
    assert len(lookups) == looked_up, what


@pytest.mark.django_db
def test_with_the_page_cache_off_nothing_is_looked_up_before_django(
    demo, settings, monkeypatch, django_handler
):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(page_cache_module, "_lookup", must_not_run)
    status, headers, _ = wsgi_get(PageCacheApp(django_handler), SPOTLIGHT)
    assert status == "200 OK" and CACHE_HEADER not in headers and "ETag" in headers


@pytest.mark.django_db
def test_a_miss_looks_the_page_up_once_and_stores_it(demo, page_cache, monkeypatch, django_handler):
    lookups = []
    real_lookup = page_cache_module._lookup
    monkeypatch.setattr(
        page_cache_module, "_lookup", lambda key: lookups.append(key) or real_lookup(key)
    )
    app = PageCacheApp(django_handler)

    status, headers, _ = wsgi_get(app, SPOTLIGHT)
    assert (status, headers[CACHE_HEADER], len(lookups)) == ("200 OK", "miss", 1)
    _, headers, _ = wsgi_get(app, SPOTLIGHT)
    assert (headers[CACHE_HEADER], len(lookups)) == ("hit", 2)


@pytest.mark.django_db
def test_a_host_that_is_not_allowed_gets_djangos_400_not_a_cached_page(
    client, demo, page_cache, django_handler
):
    client.get(SPOTLIGHT)
    status, _, _ = wsgi_get(PageCacheApp(django_handler), SPOTLIGHT, HTTP_HOST="evil.example")
    assert status.startswith("400")
