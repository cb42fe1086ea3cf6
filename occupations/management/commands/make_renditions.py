"""Make the responsive WebP renditions of spotlight images that do not have them yet.

Uploads through the admin get theirs when they are saved; this is for images that arrived another
way (the demo fixture, `loaddata`, an import). Files that already exist are reused, so running it
again is cheap. Pages show the original image until an occupation has its renditions.
"""

from django.core.management.base import BaseCommand

from careerpaths.cache import content_changed
from occupations.images import renditions_for_stored
from occupations.models import Occupation


class Command(BaseCommand):
    help = "Make missing WebP renditions (srcset) of occupations' spotlight images."

    def handle(self, *args, **options):
        made = 0
        for occupation in Occupation.objects.exclude(spotlight_image=""):
            if occupation.spotlight_srcset:
                continue
            image = occupation.spotlight_image
            renditions = renditions_for_stored(image.name, image.storage)
            if renditions:
                # Derived data, not an edit: no history entry, no new "updated" time.
                Occupation.objects.filter(pk=occupation.pk).update(spotlight_renditions=renditions)
                made += 1
            else:
                self.stderr.write(f"{occupation}: could not read {image.name}")
        if made:
            content_changed()  # update() sends no signal: cached pages still show the original
        if options["verbosity"]:
            self.stdout.write(f"Renditions recorded for {made} occupation(s).")
