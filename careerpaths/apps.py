"""The project package as an app: connects the page-cache invalidation and our system checks."""

from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import m2m_changed, post_delete, post_save


class CareerpathsConfig(AppConfig):
    name = "careerpaths"
    verbose_name = "careerpaths site"

    def ready(self) -> None:
        from careerpaths.cache import content_model_changed
        from careerpaths.checks import page_cache_is_shared

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_model_changed, dispatch_uid="careerpaths-page-cache")
        checks.register(page_cache_is_shared, checks.Tags.caches, deploy=True)
