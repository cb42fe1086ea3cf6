"""The page cache for public pages, shared by every web machine through the default cache.

How it works, in full:

* `public_page(view)` marks the public views in `careerpaths/urls.py` (home, industries,
  occupation and pathway pages, lists, search, sitemap; never the admin, never previews).
* `PageCacheMiddleware` sits first after the request id, before the security, session,
  authentication and CSRF middleware. A GET or HEAD from a visitor without a session cookie is
  answered from the cache when the page is there (`X-Page-Cache: hit`), before any of that
  machinery runs and without a query; else the request goes on, and a public page coming back
  is stored (`X-Page-Cache: miss`).
* Under gunicorn, `PageCacheApp` (careerpaths/wsgi.py) answers the hits even earlier, in front
  of Django's request handling: a hit then costs about what WhiteNoise spends on a static file.
  It makes the same lookup with the same functions, and leaves it on the request for the
  middleware, so a miss costs one round trip to the cache, not two.
* Visitors with a session cookie (staff who signed in) always get a fresh page, sent
  `Cache-Control: private` so that no shared cache keeps it; their pages are never stored. A
  response is stored only if it is a 200 from a public view that sets no cookie, carries no
  Vary or private Cache-Control header, and did not touch the session or the CSRF token, so a
  stored page can be given to anyone. Previews are for staff only, hence never stored.
* A stored page keeps its final headers, which are the same for everyone (type, CSP, frame
  options, the security middleware's, Cache-Control, ETag); the request id is made for each
  response, hit or not.
* The key is the full URL (scheme, host, path and query): the page names everything it shows,
  so nothing else may change it. The entry records the content version it was rendered under.
* The content version is a random token kept in the shared cache. One round trip reads the
  version and the entry together; an entry of another version is a miss. `content_changed()`
  replaces the version once the surrounding transaction commits, so every machine stops using
  every entry at once. It runs on every save or delete of a model of the occupations, pathways
  and taggit apps (connected in `careerpaths.apps`); anything that changes content without model
  signals (queryset.update(), bulk_create(), an importer) must call `content_changed()` itself.
  If the version key is evicted, a new token is drawn, which is also just a full invalidation.
  `by_content_version()` keeps other derived data (the metro areas) under the same rule.
* Public pages carry a weak ETag and `Cache-Control: public, max-age=PAGE_MAX_AGE,
  stale-while-revalidate=60` for browsers, CDNs and the proxy; a request whose
  If-None-Match names the page gets 304, from the cache or not. Pages are sent gzipped to
  clients that accept it (compressed once, when stored): they hold no secret, so compression
  cannot leak one (BREACH).
* If the cache cannot be reached, pages are rendered as if it were empty (logged as a warning).

PAGE_CACHE_SECONDS=0 turns the page cache off (the default without REDIS_URL: a per-process
cache could not be invalidated for the other processes); headers and 304s work all the same.
The tests run with it off, except where a test turns it on (tests/test_cache.py).
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from collections.abc import Callable, Iterable
from functools import wraps
from http import HTTPStatus
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, cc_delim_re, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.text import compress_string

from careerpaths.middleware import REQUEST_ID_HEADER, new_request_id
from careerpaths.transactions import on_commit_once

logger = logging.getLogger(__name__)

T = TypeVar("T")

VERSION_KEY = "content-version"
CACHE_HEADER = "X-Page-Cache"
CONTENT_APPS = {"occupations", "pathways", "taggit"}
# A stored page keeps every header it had on its way out (type, CSP, frame options, security,
# caching, X-Robots-Tag...), which is the same for every visitor since it set no cookie, but
# these: they are made for each response. The request id is added to every response.
_NOT_STORED = {"content-length", "content-encoding", CACHE_HEADER.lower()}
_PUBLIC = "_careerpaths_public_page"  # the mark `public_page` puts on a response
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_COMPRESS_AT_LEAST = 512  # bytes; smaller bodies do not shrink enough to be worth it


# --- The content version --------------------------------------------------------------------


def _draw_version() -> str:
    """A first version when there is none (every machine ends up with the same one)."""
    cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
    return cache.get(VERSION_KEY)


def content_version() -> str:
    """The current content version, drawing a first one if there is none yet."""
    version = cache.get(VERSION_KEY)
    return _draw_version() if version is None else version


def _replace_version() -> None:
    try:
        cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:
        logger.exception("Could not replace the content version; cached pages may be stale")


def content_changed() -> None:
    """Invalidate every cached public page on every machine, once the transaction commits
    (replacing the version earlier would let another machine cache the old content under the
    new version before the change is visible to it). Once per transaction however many
    changes it makes: a replacement already due at its commit is enough."""
    on_commit_once(_replace_version)


def content_model_changed(sender, **kwargs) -> None:
    """Receiver for post_save, post_delete and m2m_changed of every model."""
    if sender._meta.app_label in CONTENT_APPS:
        content_changed()


def is_on() -> bool:
    """Whether the shared page cache (and everything kept by content version) is in use."""
    return settings.PAGE_CACHE_SECONDS > 0


def _lookup(key: str) -> tuple[str, object | None]:
    """(the current version, the value stored under `key` for that version, or None), in one
    round trip to the cache.

    The version stored with a value is the one read *before* it was computed: a change that
    commits meanwhile makes the value stale at once, never the other way round."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return _draw_version(), None
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return version, entry[1]
    return version, None


def by_content_version(name: str, compute: Callable[[], T | None]) -> T | None:
    """`compute()`, kept in the shared cache until content changes (every machine shares it).

    Without the shared cache it is simply `compute()`: a copy in one process's memory could not
    be told about a change made in another. A result of None is not kept (so that, say, names
    of things that do not exist cannot fill the cache)."""
    if not is_on():
        return compute()
    key = f"data:{name}"
    try:
        version, value = _lookup(key)
    except Exception:
        logger.warning("Shared cache unavailable; computing %s", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        if value is None:
            return value
        try:
            cache.set(key, (version, value), settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Could not keep %s in the shared cache", name, exc_info=True)
    return value


# --- Public pages ---------------------------------------------------------------------------


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark this view's pages as public: the same for every visitor, so `PageCacheMiddleware`
    may store them and send them with public caching headers (see the module docstring)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        setattr(response, _PUBLIC, True)
        return response

    return wrapper


def is_anonymous_visitor(request: HttpRequest) -> bool:
    """No session cookie: not signed in, so nothing about the page can depend on who it is."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_key(request: HttpRequest) -> str:
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{url}"


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


# A browser or CDN may show a page this much older than max-age while it asks for the new one.
STALE_WHILE_REVALIDATE = 60


def _cache_control() -> str:
    seconds = settings.PAGE_MAX_AGE
    if not seconds:
        return "public, no-cache"  # may be kept, but must be checked (ETag) before each reuse
    return f"public, max-age={seconds}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"


def _compressible(response: HttpResponse) -> bool:
    kind = response.get("Content-Type", "")
    return len(response.content) >= _COMPRESS_AT_LEAST and (
        kind.startswith("text/") or "xml" in kind or "json" in kind
    )


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


# --- Answering from the cache -------------------------------------------------------------

# Where a request keeps the page cache lookup made for it (key, version, entry), so that it is
# made once even when both the WSGI layer and the middleware see the request.
_LOOKUP = "careerpaths.page_cache_lookup"
# Kept on a 304, as Django's own conditional responses keep them (django.utils.cache).
_KEPT_ON_304 = {"cache-control", "content-location", "etag", "expires", "last-modified", "vary"}


def _never_cached_prefixes() -> tuple[str, ...]:
    """Static files and uploads (served by WhiteNoise or the storage, never page-cached)."""
    urls = (settings.STATIC_URL, settings.MEDIA_URL)
    return tuple(url for url in urls if url and url.startswith("/") and url != "/")


def _may_be_cached(method: str, path: str) -> bool:
    """Whether a request for `path` may be a page in the cache (for an anonymous visitor)."""
    return method in ("GET", "HEAD") and is_on() and not path.startswith(_never_cached_prefixes())


def _page_lookup(request: HttpRequest) -> tuple[str | None, str | None, tuple | None]:
    """(key, version, stored page or None) for a request that may be answered from the cache;
    made once per request. Raises DisallowedHost for a host not in ALLOWED_HOSTS."""
    done = request.META.get(_LOOKUP)
    if done is not None:
        return done
    key, version, entry = page_key(request), None, None
    try:
        version, entry = _lookup(key)
    except Exception:
        logger.warning("Page cache unavailable; rendering the page", exc_info=True)
    request.META[_LOOKUP] = key, version, entry
    return key, version, entry


def _etag_matches(request: HttpRequest, etag: str | None) -> bool:
    """If-None-Match names this page (weak comparison, as for GET and HEAD)."""
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header or not etag:
        return False
    etags = parse_etags(header)
    return "*" in etags or etag.removeprefix("W/") in {e.removeprefix("W/") for e in etags}


def _answer(request: HttpRequest, entry: tuple) -> tuple[int, list[tuple[str, str]], bytes]:
    """A stored public page as sent to this request: (status, headers, body), gzipped to
    clients that accept it, 304 when the client's copy (If-None-Match) is this page."""
    headers, body, gzipped = entry
    etag = next((value for name, value in headers if name == "ETag"), None)
    if _etag_matches(request, etag):
        return 304, [(n, v) for n, v in headers if n.lower() in _KEPT_ON_304], b""
    headers = list(headers)
    if gzipped is not None and _accepts_gzip(request):
        body = gzipped
        headers.append(("Content-Encoding", "gzip"))
    headers.append(("Content-Length", str(len(body))))
    return 200, headers, body


def _as_response(status: int, headers: list[tuple[str, str]], body: bytes) -> HttpResponse:
    response = HttpResponse(body, status=status)
    if status == 304:
        del response["Content-Type"]
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Answers anonymous visitors from the page cache before everything else but the request
    id, stores the public pages it sees going out, and gives public pages their caching headers
    (ETag, Cache-Control, 304). Under gunicorn, `PageCacheApp` has answered the hits already;
    this answers them under runserver and the test client."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if not is_anonymous_visitor(request):
            response = self.get_response(request)
            if getattr(response, _PUBLIC, False) and not response.has_header("Cache-Control"):
                add_never_cache_headers(response)  # a signed-in view is nobody else's
            return response

        key = version = None
        if _may_be_cached(request.method, request.path_info):
            key, version, entry = _page_lookup(request)
            if entry is not None:
                response = _as_response(*_answer(request, entry))
                response[CACHE_HEADER] = "hit"
                return response

        response = self.get_response(request)
        if not getattr(response, _PUBLIC, False):
            return response
        if not _storable(request, response):
            if version is not None:
                response[CACHE_HEADER] = "miss"
            return response
        response["ETag"] = f'W/"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response["Cache-Control"] = _cache_control()
        patch_vary_headers(response, ["Accept-Encoding"])
        headers = tuple(
            (name, value) for name, value in response.items() if name.lower() not in _NOT_STORED
        )
        body, gzipped = response.content, None
        if _compressible(response) and (version is not None or _accepts_gzip(request)):
            gzipped = compress_string(body)
        entry = (headers, body, gzipped)
        if version is not None:
            try:
                cache.set(key, (version, entry), settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Could not store a page in the page cache", exc_info=True)
        fresh = _as_response(*_answer(request, entry))
        if version is not None:
            fresh[CACHE_HEADER] = "miss"
        return fresh


class PageCacheApp:
    """The WSGI application gunicorn runs (careerpaths/wsgi.py): Django, with page cache hits
    answered in front of it. A hit needs the request's URL, cookies and headers and one round
    trip to the cache; Django's handler, signals and middleware would cost more than that,
    so they are skipped. Everything else, misses included, goes to Django, where
    `PageCacheMiddleware` stores the page (reusing this lookup)."""

    def __init__(self, django_app: Callable):
        self.django_app = django_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if _may_be_cached(environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")):
            request = WSGIRequest(environ)
            try:
                entry = _page_lookup(request)[2] if is_anonymous_visitor(request) else None
            except DisallowedHost:
                entry = None  # Django answers 400
            if entry is not None:
                status, headers, body = _answer(request, entry)
                headers += [(CACHE_HEADER, "hit"), (REQUEST_ID_HEADER, new_request_id(request))]
                start_response(f"{status} {HTTPStatus(status).phrase}", headers)
                return [body]
        return self.django_app(environ, start_response)
