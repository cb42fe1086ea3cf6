"""Expire every cached public page on every machine, e.g. after changing content in SQL."""

from django.core.management.base import BaseCommand

from careerpaths.cache import content_changed


class Command(BaseCommand):
    help = (
        "Expire every cached public page (a new content version in the shared cache). Saves "
        "through the admin and loaddata do this already; use it after bulk or SQL changes."
    )

    def handle(self, *args, **options):
        content_changed()
        self.stdout.write("Cached pages expired.")
