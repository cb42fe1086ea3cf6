"""Structured logs: one JSON object per line on standard output, each with the request id.

Used by Django's LOGGING (settings.py) and by gunicorn's loggers (gunicorn.conf.py), so this
module imports nothing from Django. The request id lives in a context variable that
`careerpaths.middleware.RequestIdMiddleware` sets for the duration of a request.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

# The fields a gunicorn access record carries as "atoms", and the names we log them under.
# Request headers are deliberately not logged (they carry cookies).
_ACCESS_FIELDS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "a": "user_agent",
}

# Attributes every LogRecord has; anything else was passed with `extra=` and is logged too.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
}


def _request_id(record: logging.LogRecord) -> str:
    """The id of the request the record is about: Django's request logger passes the request
    itself (and logs after the middleware has finished), anything else runs inside it."""
    request = getattr(record, "request", None)
    return getattr(request, "request_id", None) or request_id_var.get()


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` (the current request's id, or "-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = _request_id(record)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args
            entry["message"] = f"{atoms.get('m')} {atoms.get('U')} {atoms.get('s')}"
            entry["request_id"] = atoms.get("{x-request-id}o", "-")
            for atom, field in _ACCESS_FIELDS.items():
                value = atoms.get(atom)
                if value not in (None, "-", ""):
                    entry[field] = value
        else:
            entry["message"] = record.getMessage()
            entry["request_id"] = getattr(record, "request_id", None) or _request_id(record)
            for key, value in vars(record).items():
                if key not in _STANDARD and not key.startswith("_"):
                    plain = isinstance(value, str | int | float | bool)
                    entry[key] = value if plain else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
