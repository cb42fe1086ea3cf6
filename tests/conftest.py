"""Shared fixtures: the demo content, and staff users by role (Healthchecks-style names)."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from occupations.roles import CONTENT_LEAD, COUNSELOR, ensure_roles

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
    with django_db_blocker.unblock():
        call_command("loaddata", "demo", verbosity=0)


@pytest.fixture
def demo(db):
    """Marks a test that relies on the demo content (loaded once per session)."""


@pytest.fixture
def roles(db):
    return ensure_roles()


def _staff(username: str, group: str | None, roles, superuser: bool = False):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "correct horse battery staple"
    )
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
