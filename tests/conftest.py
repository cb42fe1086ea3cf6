"""Shared fixtures: the demo content (with or without the sample imports), and staff users by
role (Healthchecks-style names)."""

import secrets
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from occupations.models import Occupation
from occupations.roles import CONTENT_LEAD, COUNSELOR, ensure_roles
from tests.browser import CHROMIUM, CHROMIUM_ARGS, PASSWORD
from tests.importing import import_all, load_mapping

# With REDIS_URL set, the tests use a real Redis database that may hold other data: every test
# gets keys of its own under this run's prefix, and removes them when it ends.
RUN_PREFIX = f"test-{secrets.token_hex(4)}"


def caches_with_prefix(prefix: str) -> dict:
    return {alias: {**conf, "KEY_PREFIX": prefix} for alias, conf in django_settings.CACHES.items()}


def forget_cached_keys(prefix: str) -> None:
    """Delete this prefix's keys: a pattern delete on Redis (never FLUSHDB), clear() otherwise.
    A test that pointed the cache at a server that is down leaves nothing to delete."""
    cache = caches["default"]
    try:
        if hasattr(cache, "_cache") and hasattr(cache._cache, "get_client"):
            client = cache._cache.get_client(write=True)
            keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
            if keys:
                client.delete(*keys)
        else:
            cache.clear()
    except Exception:  # redis.ConnectionError and the like
        pass


@pytest.fixture(autouse=True)
def _isolated_cache(settings, request):
    """A cache of its own for every test, and the page cache off unless a test turns it on
    (settings.PAGE_CACHE_SECONDS): pages cached by one test must not leak into the next."""
    prefix = f"{RUN_PREFIX}-{secrets.token_hex(4)}"
    settings.CACHES = caches_with_prefix(prefix)
    settings.PAGE_CACHE_SECONDS = 0
    yield
    forget_cached_keys(prefix)


DEMO_MEDIA = Path(__file__).resolve().parent.parent / "media" / "demo"


@pytest.fixture(autouse=True)
def _plain_static_and_media(settings, tmp_path):
    """Tests need no collectstatic run, and uploads land in a throwaway folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    # The demo content's images, read-only (uploads and renditions land beside them).
    settings.MEDIA_ROOT.mkdir()
    (settings.MEDIA_ROOT / "demo").symlink_to(DEMO_MEDIA, target_is_directory=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo content is loaded once into the test database; each test rolls back."""
    prefix = f"{RUN_PREFIX}-setup"
    with django_db_blocker.unblock(), override_settings(CACHES=caches_with_prefix(prefix)):
        call_command("loaddata", "demo", verbosity=0)
        forget_cached_keys(prefix)


@pytest.fixture
def demo(db):
    """Marks a test that relies on the demo content (loaded once per session)."""


@pytest.fixture
def imported(demo):
    """The demo content with the small official-format files in tests/data imported over it."""
    load_mapping()
    import_all()


@pytest.fixture
def roles(db):
    return ensure_roles()


def _staff(username: str, group: str | None, roles, superuser: bool = False):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.is_staff = True
    user.is_superuser = superuser
    user.save()
    if group:
        user.groups.add(roles[group])
    return user


@pytest.fixture
def alice(roles):
    """Alice is a counselor."""
    return _staff("alice", COUNSELOR, roles)


@pytest.fixture
def bob(roles):
    """Bob is a content lead."""
    return _staff("bob", CONTENT_LEAD, roles)


@pytest.fixture
def charlie(roles):
    """Charlie is a superuser."""
    return _staff("charlie", None, roles, superuser=True)


# --- Real-browser tests (tests/test_browser_*.py) -------------------------------------------------


@pytest.fixture(scope="module")
def demo_restored_afterwards(django_db_blocker):
    """live_server makes a test transactional: its teardown empties the database, demo
    content included. Loading the demo again once the module is done keeps every other test
    (which expects the session's demo content) independent of the order tests run in."""
    yield
    prefix = f"{RUN_PREFIX}-restore"
    with django_db_blocker.unblock(), override_settings(CACHES=caches_with_prefix(prefix)):
        call_command("loaddata", "demo", verbosity=0)
        forget_cached_keys(prefix)


@pytest.fixture(scope="module")
def browser(demo_restored_afterwards):
    """Debian's Chromium through Playwright, one per test module (never a downloaded build)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with pytest.MonkeyPatch.context() as env:
        # Playwright's sync API runs an event loop in this thread; the ORM calls in the tests
        # are still plain synchronous code.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
            # Connections the tests opened while Playwright's loop ran belong to that context;
            # close them here, or PostgreSQL refuses to drop the test database at the end.
            connections.close_all()


@pytest.fixture
def site(live_server, settings):
    """The live server's address, with the demo content in its database (the previous
    live_server test emptied it) and the demo's images served from MEDIA_ROOT."""
    settings.ROOT_URLCONF = "tests.urls_with_media"
    if not Occupation.objects.exists():
        call_command("loaddata", "demo", verbosity=0)
    return live_server.url
