"""Security headers on public and admin pages, cookies, HTTPS redirects, request ids and logs."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.test import RequestFactory
from django.urls import reverse

from careerpaths.logs import JsonFormatter, RequestIdFilter
from careerpaths.middleware import client_ip
from tests.test_site import public_page_urls

SPOTLIGHT = "/occupations/diagnostic-medical-sonographer/charlotte/"


@pytest.fixture
def production(settings):
    """The HTTPS settings that DEBUG=false turns on (the test process runs with DEBUG's
    development defaults)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    return settings


def assert_security_headers(response) -> None:
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert len(response["X-Request-ID"]) >= 16


@pytest.mark.django_db
def test_public_pages_carry_the_security_headers_and_no_cookies(client, demo, production):
    for url in public_page_urls():
        response = client.get(url, secure=True)

        assert response.status_code == 200, url
        assert_security_headers(response)
        # Cacheable by URL for everyone: no cookie set, nothing that varies per visitor.
        assert not response.cookies, url
        assert "Cookie" not in response.get("Vary", ""), url


@pytest.mark.django_db
def test_admin_pages_carry_the_security_headers_and_secure_httponly_cookies(
    client, demo, alice, production
):
    login = client.get(reverse("admin:login"), secure=True)
    assert_security_headers(login)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]

    response = client.post(
        reverse("admin:login"),
        {"username": "alice", "password": "correct horse battery staple"},
        secure=True,
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]

    change = client.get(reverse("admin:occupations_occupation_changelist"), secure=True)
    assert change.status_code == 200
    assert_security_headers(change)


@pytest.mark.django_db
def test_the_500_page_uses_no_inline_style_or_script(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "<style" not in html and "style=" not in html and "<script" not in html
    assert 'rel="stylesheet" href="/static/css/site.css"' in html


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_except_the_health_check(client, demo, production):
    redirect = client.get(SPOTLIGHT)
    assert redirect.status_code == 301
    assert redirect["Location"] == f"https://testserver{SPOTLIGHT}"

    assert client.get(reverse("health")).status_code == 200


def test_a_sane_request_id_from_the_proxy_is_kept_and_echoed(client, db):
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID="9f1c0d6e2b7a4f3d")

    assert response["X-Request-ID"] == "9f1c0d6e2b7a4f3d"


@pytest.mark.parametrize("forged", ["a b", "x" * 200, 'id"\n{"level": "ERROR"}', ""])
def test_an_odd_request_id_is_replaced_by_a_new_one(client, db, forged):
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID=forged)

    assert response["X-Request-ID"] != forged
    assert len(response["X-Request-ID"]) == 32


@pytest.fixture
def json_log():
    """What Django's request logger writes, formatted as in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_log_lines_are_json_with_the_request_id(client, demo, json_log):
    client.get("/no/such/page/", HTTP_X_REQUEST_ID="req-123")

    entry = json.loads(json_log.getvalue().splitlines()[-1])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /no/such/page/"
    assert entry["request_id"] == "req-123"
    assert entry["status_code"] == 404


def test_gunicorn_access_lines_are_json_with_the_request_id_and_no_cookies():
    atoms = {
        "h": "127.0.0.1",
        "m": "GET",
        "U": "/industries/",
        "q": "",
        "s": "200",
        "B": 5123,
        "M": 12,
        "a": "Mozilla/5.0",
        "{x-request-id}o": "abc123",
        "{cookie}i": "sessionid=secret-session",
    }
    record = logging.LogRecord("gunicorn.access", logging.INFO, "", 0, "%(r)s", (), None)
    record.args = atoms  # gunicorn passes its atoms dict as the record's args

    entry = json.loads(JsonFormatter().format(record))

    assert entry["request_id"] == "abc123"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/industries/", "200")
    assert entry["duration_ms"] == 12
    assert "secret-session" not in json.dumps(entry)


def test_client_address_behind_the_proxy_is_the_one_it_appended(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.20"
    )

    settings.BEHIND_PROXY = False
    assert client_ip(request) == "127.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "198.51.100.20"  # never the client's own claim (6.6.6.6)
