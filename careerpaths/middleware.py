"""Request ids for the logs, a limit on request bodies, and the client's address behind a proxy."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from careerpaths.logs import request_id_var

logger = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the proxy is kept only if it is short and plain (no spaces, quotes or newlines
# that could forge log lines); otherwise we make our own.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:+=/-]{1,128}")


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: REMOTE_ADDR, or behind our proxy (BEHIND_PROXY=true) the address
    that proxy appended last to X-Forwarded-For. Entries left of it are the client's own claim
    and are never trusted. Used by the login throttle (AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return remote


def new_request_id(request: HttpRequest) -> str:
    """The proxy's X-Request-ID if it is sane, else a new one. (Page cache hits answered before
    Django's middleware get theirs here too: careerpaths/cache.py.)"""
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    return incoming if _SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Gives every request an id (the proxy's X-Request-ID if sane, else a new one), puts it on
    every log record made while the request runs, and echoes it in the response header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = request_id = new_request_id(request)
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is larger than REQUEST_MAX_BYTES with 413, before
    anything reads it. Django itself only limits the non-file part of a form
    (DATA_UPLOAD_MAX_MEMORY_SIZE); uploads would otherwise stream to disk without limit.
    A body without Content-Length is never read by Django, so the header is enough."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            logger.warning(
                "Request body too large",
                extra={"content_length": length, "limit": settings.REQUEST_MAX_BYTES},
            )
            return HttpResponse(
                "The request is too large.", status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
