"""Settings come from the environment alone, and refuse what they cannot understand.

Settings are read once per process, so each case imports them in a fresh Python with exactly
the environment it names.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = secrets.token_urlsafe(50)
# The least a production environment needs, for cases about one other variable.
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "careers.example.org"}
# Prints the settings a case asks about as JSON.
SHOW = """
import json, sys
from careerpaths import settings as s
print(json.dumps({name: getattr(s, name, None) for name in sys.argv[1:]}, default=str))
"""


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """A fresh Python in the project folder with only `env` (and what Python itself needs)."""
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "AWS_EC2_METADATA_DISABLED": "true", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_with(env: dict[str, str], *names: str) -> dict:
    result = run(["-c", SHOW, *names], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def refusal(env: dict[str, str]) -> str:
    """The ImproperlyConfigured message that importing the settings stops with."""
    result = run(["-c", "import careerpaths.settings"], env)
    assert result.returncode != 0, "the settings were accepted"
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: "), result.stderr
    return last.removeprefix("django.core.exceptions.ImproperlyConfigured: ")


def test_development_needs_no_variables():
    values = settings_with({}, "DEBUG", "ALLOWED_HOSTS", "SESSION_ENGINE", "PAGE_CACHE_SECONDS")

    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert values["PAGE_CACHE_SECONDS"] == 0


def test_production_without_a_secret_key_is_refused():
    env = {"DEBUG": "false", "ALLOWED_HOSTS": "careers.example.org"}

    message = refusal(env)

    assert "SECRET_KEY is required" in message
    assert "secrets.token_urlsafe(50)" in message


@pytest.mark.parametrize("weak", ["short", "django-insecure-" + "x" * 60])
def test_production_with_a_weak_secret_key_is_refused(weak):
    assert "SECRET_KEY is too weak" in refusal({**PRODUCTION, "SECRET_KEY": weak})


def test_production_without_allowed_hosts_is_refused():
    message = refusal({"DEBUG": "false", "SECRET_KEY": STRONG_KEY})

    assert "ALLOWED_HOSTS is required" in message


@pytest.mark.parametrize(
    ("name", "value"),
    [("DEBUG", "maybe"), ("BEHIND_PROXY", "sometimes"), ("SECURE_COOKIES", "2")],
)
def test_a_boolean_that_is_not_true_or_false_is_refused(name, value):
    message = refusal({**PRODUCTION, name: value})

    assert message == f"{name} must be true or false (or 1/0, yes/no, on/off), not {value!r}."


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"CONN_MAX_AGE": "soon"}, "CONN_MAX_AGE must be a whole number, not 'soon'."),
        ({"PAGE_CACHE_SECONDS": "-5"}, "PAGE_CACHE_SECONDS must be 0 or more, not -5."),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL must be one of debug, error, info, warning"),
    ],
)
def test_numbers_and_choices_are_checked(env, expected):
    assert expected in refusal({**PRODUCTION, **env})


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("DATABASE_URL", "mysql://db.example.org/careers", "DATABASE_URL must be a URL like"),
        ("DATABASE_URL", "careerpaths", "DATABASE_URL must be a URL like"),
        ("DATABASE_URL", "postgres://db.example.org", "DATABASE_URL must name a database"),
        ("DATABASE_URL", "postgres://db.example.org:port/careers", "not a valid URL"),
        ("REDIS_URL", "http://cache.example.org:6379/0", "REDIS_URL must be a URL like"),
        ("REDIS_URL", "redis://:6379/0", "REDIS_URL must name a host"),
        ("REDIS_URL", "redis://cache.example.org/pages", "REDIS_URL must end in a database"),
        ("AWS_S3_ENDPOINT_URL", "objects.example.org", "AWS_S3_ENDPOINT_URL must be a URL"),
        ("CSRF_TRUSTED_ORIGINS", "careers.example.org", "CSRF_TRUSTED_ORIGINS must be a URL"),
    ],
)
def test_a_bad_url_is_refused_naming_the_variable(name, value, expected):
    env = {**PRODUCTION, name: value}
    if name.startswith("AWS_"):
        env["AWS_STORAGE_BUCKET_NAME"] = "careerpaths-media"

    assert expected in refusal(env)


def test_a_refused_url_does_not_repeat_its_password():
    message = refusal({**PRODUCTION, "DATABASE_URL": "mysql://careers:hunter2@db/careers"})

    assert "hunter2" not in message
    assert "mysql://careers:***@db/careers" in message


def test_production_defaults_are_https_only():
    values = settings_with(
        PRODUCTION,
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
        "CONN_MAX_AGE",
        "DATABASES",
    )

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000
    assert values["SECURE_PROXY_SSL_HEADER"] is None  # only behind a proxy
    assert values["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert values["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True


def test_behind_a_proxy_its_https_header_is_trusted():
    values = settings_with({**PRODUCTION, "BEHIND_PROXY": "true"}, "SECURE_PROXY_SSL_HEADER")

    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_redis_url_shares_the_cache_sessions_and_page_cache():
    values = settings_with(
        {**PRODUCTION, "REDIS_URL": "redis://cache.example.org:6379/3"},
        "CACHES",
        "SESSION_ENGINE",
        "PAGE_CACHE_SECONDS",
    )

    cache = values["CACHES"]["default"]
    assert cache["BACKEND"] == "careerpaths.cache_backend.RedisCache"
    assert cache["LOCATION"] == "redis://cache.example.org:6379/3"
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert values["PAGE_CACHE_SECONDS"] == 600


def test_postgres_database_url_gets_persistent_checked_connections():
    url = "postgres://careers:secret@db.example.org:5432/careers"
    database = settings_with({**PRODUCTION, "DATABASE_URL": url}, "DATABASES")["DATABASES"]

    default = database["default"]
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert (default["HOST"], default["PORT"]) == ("db.example.org", 5432)
    assert default["NAME"] == "careers"
    assert default["CONN_HEALTH_CHECKS"] is True
    assert default["OPTIONS"]["connect_timeout"] == 5


MEDIA_URL_OF_DEFAULT_STORAGE = """
import django, json
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
print(json.dumps({
    "backend": settings.STORAGES["default"]["BACKEND"],
    "url": default_storage.url("demo/welder.webp"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def media_storage(env: dict[str, str]) -> dict:
    result = run(
        ["-c", MEDIA_URL_OF_DEFAULT_STORAGE],
        {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "careerpaths.settings", **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_on_local_disk_by_default():
    media = media_storage({})

    assert media["backend"] == "django.core.files.storage.FileSystemStorage"
    assert media["url"] == "/media/demo/welder.webp"
    assert media["img_src"] == ["'self'", "data:"]


@pytest.mark.parametrize(
    "env",
    [
        {"AWS_S3_ENDPOINT_URL": "https://objects.example.org"},
        {"AWS_S3_REGION_NAME": "us-east-2"},
        {"AWS_S3_CUSTOM_DOMAIN": "media.careers.example.org"},
    ],
    ids=["s3-compatible", "amazon-s3", "cdn"],
)
def test_media_on_object_storage_when_a_bucket_is_named(env):
    """No network: building a public URL needs neither the bucket nor real credentials."""
    media = media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "careerpaths-media",
            "AWS_ACCESS_KEY_ID": "test-key-id",
            "AWS_SECRET_ACCESS_KEY": "test-secret",
            **env,
        }
    )

    assert media["backend"] == "storages.backends.s3.S3Storage"
    assert media["url"].endswith("/demo/welder.webp")
    assert "test-key-id" not in media["url"]  # a plain public URL, not a signed one
    origin = re.match(r"https://[^/]+", media["url"]).group(0)
    assert origin in media["img_src"], "the CSP lets the page show the bucket's images"


def production_environment_from_readme() -> dict[str, str]:
    """The block after the production-env marker in README.md; <...> placeholders become
    random values, as an operator would fill them in."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("<!-- production-env", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    env = {}
    for line in block.splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split("=", 1)
            env[name] = re.sub(r"<[^>]*>", lambda _: secrets.token_urlsafe(50), value)
    return env


def test_check_deploy_reports_nothing_with_the_documented_production_environment():
    env = production_environment_from_readme()
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= set(env)
    assert env["DEBUG"] == "false"

    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_when_production_is_weakened():
    env = {**production_environment_from_readme(), "SECURE_COOKIES": "false"}

    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode != 0
    assert "security.W012" in result.stderr + result.stdout  # SESSION_COOKIE_SECURE


def test_check_deploy_warns_about_a_page_cache_that_is_not_shared():
    env = {**production_environment_from_readme(), "PAGE_CACHE_SECONDS": "600"}
    del env["REDIS_URL"]

    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode != 0
    assert "careerpaths.W001" in result.stderr + result.stdout
