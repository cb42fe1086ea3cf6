"""The page cache for public pages, shared by every web machine through the default cache.

How it works, in full:

* `public_page(view)` wraps the public views in `careerpaths/urls.py` (home, industries,
  occupation and pathway pages; never the admin, never previews). A GET or HEAD from a visitor
  without a session cookie is answered from the cache when the page is there
  (`X-Page-Cache: hit`), else rendered and stored (`X-Page-Cache: miss`).
* Visitors with a session cookie (staff who signed in) always get a fresh page, and their pages
  are never stored. A response is stored only if it is a 200 that sets no cookie, carries no
  Vary or private Cache-Control header, and did not touch the session or the CSRF token, so
  a stored page can be given to anyone.
* The key is the content version plus the full URL (scheme, host, path and query): the page
  names everything it shows, so nothing else may change it.
* The content version is a random token kept in the shared cache. `content_changed()` replaces
  it once the surrounding transaction commits; from then on every machine looks up new keys
  and the old pages simply expire (PAGE_CACHE_SECONDS). It runs on every save or delete of a
  model of the occupations, pathways and taggit apps (connected in `careerpaths.apps`);
  anything that changes content without model signals (queryset.update(), bulk_create(), an
  importer) must call `content_changed()` itself. If the version key is evicted, a new token
  is drawn, which is also just a full invalidation.
* If the cache cannot be reached, pages are rendered as if it were empty (logged as a warning).

PAGE_CACHE_SECONDS=0 turns it off (the default without REDIS_URL: a per-process cache could not
be invalidated for the other processes). The tests run with it off, except tests/test_cache.py.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
CACHE_HEADER = "X-Page-Cache"
CONTENT_APPS = {"occupations", "pathways", "taggit"}
# Headers of the view's response worth keeping; everything else is added on the way out by
# the middleware for each response (security headers, request id, CSP).
_KEPT_HEADERS = {"content-type", "content-language"}


def content_version() -> str:
    """The current content version, drawing a first one if there is none yet."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _replace_version() -> None:
    try:
        cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:
        logger.exception("Could not replace the content version; cached pages may be stale")


def content_changed() -> None:
    """Invalidate every cached public page on every machine, once the transaction commits
    (replacing the version earlier would let another machine cache the old content under the
    new version before the change is visible to it)."""
    transaction.on_commit(_replace_version)


def content_model_changed(sender, **kwargs) -> None:
    """Receiver for post_save, post_delete and m2m_changed of every model."""
    if sender._meta.app_label in CONTENT_APPS:
        content_changed()


def _is_anonymous_visitor(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_key(request: HttpRequest, version: str) -> str:
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{version}:{url}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = {
        part.strip().split("=")[0].lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not cache_control & {"private", "no-cache", "no-store"}
        and not (session is not None and session.accessed)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve this public view's pages from the shared page cache (see the module docstring)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if not _is_anonymous_visitor(request):
            return view(request, *args, **kwargs)

        key = None
        try:
            key = page_key(request, content_version())
            cached = cache.get(key)
        except Exception:
            logger.warning("Page cache unavailable; rendering the page", exc_info=True)
            cached = None
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[CACHE_HEADER] = "hit"
            return response

        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if key is not None and _storable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() in _KEPT_HEADERS]
            try:
                cache.set(key, (response.status_code, headers, response.content), seconds)
            except Exception:
                logger.warning("Could not store a page in the page cache", exc_info=True)
        response[CACHE_HEADER] = "miss"
        return response

    return wrapper
