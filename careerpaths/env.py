"""Typed readers for settings that come from the environment.

Each helper refuses a value it cannot understand with ImproperlyConfigured, naming the
variable, so a typo in production fails loudly at start-up instead of being read as a default.
Error messages never repeat a password that a URL carries.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}

# What a URL of each scheme must name besides its scheme: a host, or a path (a file, a socket,
# a database name).
_URL_NEEDS = {
    "sqlite": "path",
    "unix": "path",
    "postgres": "path",
    "postgresql": "path",
    "pgsql": "path",
    "redis": "host",
    "rediss": "host",
    "http": "host",
    "https": "host",
}


def _get(name: str) -> str | None:
    """The variable's value, or None when it is unset or blank."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value


def env_str(name: str, default: str | None = None, *, hint: str = "") -> str:
    """A string; without a default the variable is required (`hint` says how to set it)."""
    value = _get(name)
    if value is None:
        if default is None:
            message = f"The environment variable {name} is required."
            raise ImproperlyConfigured(f"{message} {hint}".strip())
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be true or false (or 1/0, yes/no, on/off), not {value!r}."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be {minimum} or more, not {number}.")
    return number


def env_choice(name: str, default: str, choices: Collection[str]) -> str:
    value = _get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered not in choices:
        allowed = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name} must be one of {allowed}, not {value!r}.")
    return lowered


def env_list(name: str, default: list[str] | None, *, hint: str = "") -> list[str]:
    """A comma-separated list; blank items are dropped. A default of None makes it required."""
    value = _get(name)
    items = [item.strip() for item in value.split(",") if item.strip()] if value else []
    if not items:
        if default is None:
            message = f"The environment variable {name} is required."
            raise ImproperlyConfigured(f"{message} {hint}".strip())
        return list(default)
    return items


def redact_url(url: str) -> str:
    """The URL with any password replaced by ***, for error messages and logs."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.rsplit("@", 1)
        userinfo = netloc[0].split(":", 1)[0]
        return parts._replace(netloc=f"{userinfo}:***@{netloc[1]}").geturl()
    except ValueError:
        return "<unreadable URL>"


def check_url(name: str, url: str, schemes: Collection[str]) -> str:
    """Refuse a URL whose scheme is not one of `schemes`, or that lacks its host or path."""
    example = " or ".join(f"{scheme}://..." for scheme in sorted(schemes))
    shown = redact_url(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ImproperlyConfigured(f"{name} is not a valid URL: {shown!r}.") from None
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        raise ImproperlyConfigured(f"{name} must be a URL like {example}, not {shown!r}.")
    needs = _URL_NEEDS.get(scheme, "host")
    if needs == "host" and not parts.hostname:
        raise ImproperlyConfigured(f"{name} must name a host: {shown!r}.")
    if needs == "path" and not parts.path.strip("/"):
        what = "a database" if scheme.startswith(("postgres", "pgsql")) else "a path"
        raise ImproperlyConfigured(f"{name} must name {what}: {shown!r}.")
    return url


def env_url(name: str, schemes: Collection[str], default: str | None = None) -> str | None:
    """A URL with one of the given schemes; None when unset and there is no default."""
    value = _get(name)
    if value is None:
        return default
    return check_url(name, value.strip(), schemes)
