"""/health/ tells a load balancer whether this machine can use the database and the cache."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.urls import reverse

URL = "/health/"
UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # A password in the URL, to prove it never reaches the answer; nothing listens on port 1.
        "LOCATION": "redis://:cache-password-s3cret@127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def assert_reveals_nothing(response) -> None:
    body = response.content.decode()
    assert "Traceback" not in body
    assert "s3cret" not in body and "hunter2" not in body
    assert "127.0.0.1" not in body


def test_health_url_is_health(db):
    assert reverse("health") == URL


@pytest.mark.django_db
def test_healthy_machine_answers_200_ok_and_is_never_cached(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_database_down_answers_503_naming_the_database(client):
    failure = OperationalError('connection to server failed: password "hunter2" rejected')
    with mock.patch.object(connections["default"], "cursor", side_effect=failure):
        response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "failed: the database did not answer", "cache": "ok"},
    }
    assert_reveals_nothing(response)


@pytest.mark.django_db
def test_cache_down_answers_503_naming_the_cache(client, settings):
    settings.CACHES = UNREACHABLE_CACHE

    response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "ok", "cache": "failed: the cache did not answer"},
    }
    assert_reveals_nothing(response)


@pytest.mark.django_db
def test_a_cache_that_forgets_what_it_was_given_is_a_failure(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    response = client.get(URL)

    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("failed")


@pytest.mark.django_db
def test_both_down_names_both(client, settings):
    settings.CACHES = UNREACHABLE_CACHE
    with mock.patch.object(connections["default"], "cursor", side_effect=OperationalError("x")):
        response = client.get(URL)

    assert response.status_code == 503
    assert all(value.startswith("failed") for value in response.json()["checks"].values())


@pytest.mark.django_db
def test_health_only_answers_get_and_head(client):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405
