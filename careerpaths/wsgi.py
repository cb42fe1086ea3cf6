"""The WSGI application gunicorn runs: Django, with page cache hits answered in front of it
(careerpaths.cache.PageCacheApp)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpaths.settings")

django_application = get_wsgi_application()

from careerpaths.cache import PageCacheApp  # noqa: E402 (needs the settings configured)

application = PageCacheApp(django_application)
