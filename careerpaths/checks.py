"""System checks for settings that Django's own checks cannot judge."""

from django.conf import settings
from django.core import checks

_PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def page_cache_is_shared(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """With several processes, a page cache in one process's memory could not be invalidated
    for the others: a counselor's edit would not show until the pages expire."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PAGE_CACHE_SECONDS > 0 and backend in _PER_PROCESS_CACHES:
        return [
            checks.Warning(
                "PAGE_CACHE_SECONDS is on but the cache is local to each process.",
                hint="Set REDIS_URL (a cache shared by every process and machine), "
                "or PAGE_CACHE_SECONDS=0.",
                id="careerpaths.W001",
            )
        ]
    return []
