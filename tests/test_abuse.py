"""Abuse: admin sign-in is throttled, request bodies are limited, only staff can upload."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from occupations.models import Industry, Occupation
from tests.test_admin import tiny_png
from tests.test_site import public_page_urls

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"
HOME = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


def sign_in(client, username: str, password: str, address: str = HOME, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def fail_until_locked(client, username: str = "alice", address: str = HOME, **extra) -> list:
    return [sign_in(client, username, "wrong", address, **extra).status_code for _ in range(5)]


@pytest.mark.django_db
def test_five_failed_sign_ins_lock_that_username_from_that_address(client, alice, settings):
    assert settings.AXES_FAILURE_LIMIT == 5

    statuses = fail_until_locked(client)

    assert statuses[:4] == [200, 200, 200, 200]  # the form again, with an error
    assert statuses[4] == 429
    locked = sign_in(client, "alice", PASSWORD)
    assert locked.status_code == 429  # even with the right password
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_lock_binds_one_username_from_one_address_only(client, alice, bob):
    fail_until_locked(client, "alice", HOME)

    assert sign_in(client.__class__(), "alice", PASSWORD, ELSEWHERE).status_code == 302
    assert sign_in(client.__class__(), "bob", PASSWORD, HOME).status_code == 302


@pytest.mark.django_db
def test_the_lock_lifts_after_the_cool_off(client, alice, settings):
    cool_off = settings.AXES_COOLOFF_TIME
    assert cool_off == timedelta(minutes=15)
    fail_until_locked(client)
    last_failure = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=last_failure - cool_off - timedelta(minutes=1))

    assert sign_in(client, "alice", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_behind_the_proxy_the_lock_follows_the_address_the_proxy_saw(client, alice, settings):
    settings.BEHIND_PROXY = True
    proxy = {"HTTP_X_FORWARDED_FOR": f"10.9.9.9, {HOME}"}  # the first entry is the client's claim
    fail_until_locked(client, "alice", "127.0.0.1", **proxy)

    spoofed = {"HTTP_X_FORWARDED_FOR": f"{ELSEWHERE}, {HOME}"}
    assert sign_in(client, "alice", PASSWORD, "127.0.0.1", **spoofed).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": ELSEWHERE}
    assert sign_in(client.__class__(), "alice", PASSWORD, "127.0.0.1", **other).status_code == 302


@pytest.mark.django_db
def test_a_request_body_over_the_limit_is_refused_before_it_is_read(client, settings):
    settings.REQUEST_MAX_BYTES = 2_000

    response = client.post(LOGIN, {"username": "alice", "password": "x" * 3_000})

    assert response.status_code == 413
    assert not AccessAttempt.objects.exists()  # the login form never saw it


def test_default_limits_leave_room_for_a_10_mb_image_and_no_more_than_a_little(settings):
    assert 10 * 1024 * 1024 < settings.REQUEST_MAX_BYTES <= 16 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 5_000


@pytest.mark.django_db
def test_too_many_form_fields_are_refused(client, settings):
    data = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}

    assert client.post(LOGIN, data).status_code == 400


@pytest.mark.django_db
def test_no_public_url_accepts_an_upload(client, demo, settings):
    urls = [
        *public_page_urls(),
        reverse("occupation", kwargs={"slug": "diagnostic-medical-sonographer"}),
        reverse("health"),
    ]
    for url in urls:
        response = client.post(url, {"spotlight_image": tiny_png()})
        assert response.status_code == 405, url
    uploaded = [path for path in settings.MEDIA_ROOT.iterdir() if path.name != "demo"]
    assert uploaded == [], "nothing but the demo's own images (linked for tests) is in media"


@pytest.mark.django_db
def test_admin_uploads_need_a_signed_in_member_of_staff_allowed_to_change_content(
    client, demo, settings, roles
):
    url = reverse("admin:occupations_occupation_add")
    data = {
        "title": "Radiologic Technologist",
        "slug": "radiologic-technologist",
        "industry": str(Industry.objects.get(slug="healthcare").pk),
        "status": "published",
        "spotlight_image": tiny_png(),
        "spotlight_image_alt": "An X-ray machine.",
    }

    anonymous = client.post(url, data)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))

    visitor = get_user_model().objects.create_user("dave", "dave@example.org", PASSWORD)
    visitor.is_staff = True  # staff, but in no role: may sign in, may change nothing
    visitor.save()
    client.force_login(visitor)
    data["spotlight_image"] = SimpleUploadedFile("x.png", tiny_png().read(), "image/png")
    assert client.post(url, data).status_code == 403

    assert not Occupation.objects.filter(slug="radiologic-technologist").exists()
    uploaded = [path for path in settings.MEDIA_ROOT.iterdir() if path.name != "demo"]
    assert uploaded == [], "nothing but the demo's own images (linked for tests) is in media"
