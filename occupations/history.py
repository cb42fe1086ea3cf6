"""Who changed what: django-simple-history on every content model, and system users for imports.

Every content model declares ``history = content_history()``. Changes made through the admin are
recorded as the signed-in person (``HistoryRequestMiddleware``); changes made by a program, such as
an O*NET or BLS import, are wrapped in ``as_system_user("importer:onet")`` so that history names the
program, not whoever happened to run it::

    with as_system_user("importer:onet"):
        run_the_import()
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from simple_history.models import HistoricalRecords

_system_user: ContextVar[AbstractBaseUser | None] = ContextVar("history_system_user", default=None)
_system_reason: ContextVar[str | None] = ContextVar("history_system_reason", default=None)


def history_user(request=None, **kwargs) -> AbstractBaseUser | None:
    """The user simple-history records: the system user inside `as_system_user`, else the
    signed-in person of the current request (None for a shell or a command)."""
    user = _system_user.get()
    if user is not None:
        return user
    return getattr(request, "user", None)


def history_change_reason() -> str | None:
    """The change reason of the surrounding `as_system_user` block (None outside one)."""
    return _system_reason.get()


class ContentHistory(HistoricalRecords):
    """HistoricalRecords that knows about system users and their change reason."""

    def get_change_reason_for_object(self, instance, history_type, using):
        reason = super().get_change_reason_for_object(instance, history_type, using)
        return reason or _system_reason.get()


def content_history(**kwargs) -> ContentHistory:
    """The history declaration every content model uses."""
    return ContentHistory(get_user=history_user, **kwargs)


def system_user(name: str) -> AbstractBaseUser:
    """A user that stands for a program: it cannot sign in (inactive, no usable password)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=name, defaults={"is_active": False, "first_name": name}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@contextmanager
def as_system_user(name: str, reason: str | None = None) -> Iterator[AbstractBaseUser]:
    """Record every content change made inside the block as the system user `name` (e.g.
    "importer:onet"), with `reason` (default: "<name> run") as the change reason."""
    user = system_user(name)
    user_token = _system_user.set(user)
    reason_token = _system_reason.set(reason or f"{name} run")
    try:
        yield user
    finally:
        _system_user.reset(user_token)
        _system_reason.reset(reason_token)
