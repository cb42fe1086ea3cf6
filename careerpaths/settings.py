"""Settings for careerpaths, read from the environment.

Development needs no variables at all (SQLite in the project folder, local-memory cache,
sessions in the database). Production is DEBUG=false, which then requires SECRET_KEY and
ALLOWED_HOSTS and turns on HTTPS-only cookies, HSTS and the redirect to HTTPS. DATABASE_URL
(PostgreSQL) and REDIS_URL (a shared cache for pages and sessions) let several machines serve
the site. README.md ("Deploy") documents every variable.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from careerpaths.env import (
    check_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

# --- Secrets and hosts -------------------------------------------------------------------------

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-used-when-debug-is-off"
_SECRET_KEY_HINT = (
    "Set it to 50 or more random characters when DEBUG is off, e.g. the output of "
    "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
)
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else None, hint=_SECRET_KEY_HINT)
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure-")):
    raise ImproperlyConfigured(f"SECRET_KEY is too weak for production. {_SECRET_KEY_HINT}")
# Old keys, still accepted for signatures and sessions while a new SECRET_KEY rolls out.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "[::1]"] if DEBUG else None,
    hint="List the site's host names when DEBUG is off, e.g. careers.example.org.",
)
CSRF_TRUSTED_ORIGINS = [
    check_url("CSRF_TRUSTED_ORIGINS", origin, {"http", "https"})
    for origin in env_list("CSRF_TRUSTED_ORIGINS", [])
]

# --- HTTPS and security headers -------------------------------------------------------------

# Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto for "is this HTTPS?"
# and the address it appends to X-Forwarded-For for the client's IP (the login throttle).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers often probe over plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Asking browsers to preload HSTS binds the whole domain and its subdomains to HTTPS for
# good; that is the domain owner's decision (SECURE_HSTS_PRELOAD=true), not a default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# --- Applications and middleware --------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "axes",
    "csp",
    "careerpaths",
    "simple_history",
    "occupations",
    "pathways",
]

MIDDLEWARE = [
    "careerpaths.middleware.RequestIdMiddleware",
    # Answers anonymous visitors from the page cache before everything below runs, and stores
    # public pages with the headers everything below gave them (careerpaths/cache.py). Under
    # gunicorn, careerpaths.wsgi answers the hits before Django does.
    "careerpaths.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "careerpaths.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Lets content history name the signed-in person (occupations/history.py).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerpaths.urls"
WSGI_APPLICATION = "careerpaths.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careerpaths.context_processors.canonical",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------------

DATABASE_URL = env_url(
    "DATABASE_URL",
    {"sqlite", "postgres", "postgresql", "pgsql"},
    default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        # Persistent connections, checked before reuse, so a restarted database costs one error
        # at most instead of every request after it.
        conn_max_age=env_int("CONN_MAX_AGE", 0 if DEBUG else 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, page cache and sessions -----------------------------------------------------------

# REDIS_URL: one cache for every process and machine (pages, sessions). Without it each
# process has its own memory cache, so the page cache is off and sessions live in the database.
REDIS_URL = env_url("REDIS_URL", {"redis", "rediss", "unix"})
if REDIS_URL and urlsplit(REDIS_URL).scheme != "unix":
    _db = urlsplit(REDIS_URL).path.strip("/")
    if _db and not _db.isdigit():
        raise ImproperlyConfigured(f"REDIS_URL must end in a database number, not /{_db}.")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "careerpaths")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, reusing its redis-py clients (careerpaths/cache_backend.py).
            "BACKEND": "careerpaths.cache_backend.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # A cache that stops answering must not hang every request.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Read from the cache, written through to the database: sessions survive a Redis restart.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "careerpaths",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# How long a public page is kept in the page cache (careerpaths/cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600 if REDIS_URL else 0, minimum=0)
# How long browsers, CDNs and the proxy may reuse a public page before asking again (they then
# get 304 if it has not changed: ETag); as long as the proxy's micro cache (README). Staff, who
# edit, always get fresh pages.
PAGE_MAX_AGE = env_int("PAGE_MAX_AGE", 0 if DEBUG else 10, minimum=0)

# --- Sign-in and the login throttle (django-axes) -------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failures are counted in the database, so every machine sees them.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
# A username is locked only from the address that failed: a stranger cannot lock a counselor
# out of the site from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "careerpaths.middleware.client_ip"
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"

# --- Request size limits ------------------------------------------------------------------------

# The whole request body (careerpaths.middleware.RequestSizeLimitMiddleware): room for the
# largest upload we accept (a 10 MB spotlight image) and the rest of the admin form. Keep the
# proxy's limit (nginx client_max_body_size) the same.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 12 * 1024 * 1024, minimum=1024)
# The non-file part of a form, and how many fields and files it may have.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000  # Django's default, stated; an admin form sends under 100
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Time and language ------------------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# --- Static files and media ---------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Django serves MEDIA_ROOT itself only when asked to (a single machine without a proxy); in
# production the reverse proxy serves /media/ (README, "Deploy").
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage (django-storages) when a bucket is named. Credentials
# come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables, read by boto3.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_ORIGINS: list[str] = []  # where images may come from, besides this site (CSP img-src)
if AWS_STORAGE_BUCKET_NAME:
    _endpoint = env_url("AWS_S3_ENDPOINT_URL", {"http", "https"})
    _region = env_str("AWS_S3_REGION_NAME", "") or None
    _domain = env_str("AWS_S3_CUSTOM_DOMAIN", "") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": _endpoint,
            "region_name": _region,
            "custom_domain": _domain,
            "location": env_str("AWS_LOCATION", ""),
            # Public images by plain URL (the bucket allows public reads of them); signed URLs
            # change on every render and would defeat the page cache.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }
    if _domain:
        MEDIA_ORIGINS = [f"https://{_domain}"]
    elif _endpoint:
        _parts = urlsplit(_endpoint)
        MEDIA_ORIGINS = [
            f"{_parts.scheme}://{_parts.netloc}",
            f"{_parts.scheme}://{AWS_STORAGE_BUCKET_NAME}.{_parts.netloc}",
        ]
    else:
        MEDIA_ORIGINS = [
            f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com",
            *([f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{_region}.amazonaws.com"] if _region else []),
        ]

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# --- Content Security Policy (django-csp) -----------------------------------------------------

# No inline script or style anywhere (500.html included), no eval: our pages and Django's
# admin load scripts and styles from their own files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Logging ------------------------------------------------------------------------------------

# Everything to standard output, one JSON object per line in production, with the request id.
LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", {"debug", "info", "warning", "error"}).upper()
LOG_FORMAT = env_choice("LOG_FORMAT", "text" if DEBUG else "json", {"json", "text"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "careerpaths.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "careerpaths.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "axes.apps": {"level": "WARNING"},  # not a version banner on every start
    },
}

SITE_NAME = "careerpaths"
