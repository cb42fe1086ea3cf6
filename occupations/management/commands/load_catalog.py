"""Load the whole public catalog from one folder, in one transaction.

    python manage.py load_catalog ../shared/data

1. The SOC major group -> industry mapping (fixtures/soc_industries.json) and the growth bands
   (fixtures/growth_bands.json): rows that are missing are created; rows that exist are left as
   staff keep them in the admin (`manage.py loaddata <name>` applies the file's values instead).
2. `import_onet` on the folder that holds "Occupation Data.txt".
3. `import_projections` on employment-projections-*.csv.
4. `import_oews` on oews-*.csv.gz (or oews-*.csv).
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from occupations.models import Area

FIXTURES = ["soc_industries", "growth_bands"]


def find_one(folder: Path, patterns: list[str], what: str) -> Path:
    found = sorted({path for pattern in patterns for path in folder.glob(pattern)})
    if not found:
        raise CommandError(f"{folder} has no {what} (looked for {', '.join(patterns)}).")
    if len(found) > 1:
        names = ", ".join(str(path.relative_to(folder)) for path in found)
        raise CommandError(f"{folder} has more than one {what} ({names}); keep one.")
    return found[0]


def load_missing(name: str) -> tuple[int, int]:
    """Create the fixture's rows that do not exist yet; (created, kept as they are)."""
    path = next(
        (
            Path(d) / f"{name}.json"
            for d in settings.FIXTURE_DIRS
            if (Path(d) / f"{name}.json").exists()
        ),
        None,
    )
    if path is None:
        raise CommandError(f"The fixture {name}.json is missing from {settings.FIXTURE_DIRS}.")
    created = kept = 0
    with open(path, encoding="utf-8") as file, transaction.atomic():
        try:
            for item in serializers.deserialize("json", file, handle_forward_references=True):
                if item.object.pk is None:
                    item.save()
                    created += 1
                else:
                    kept += 1
        except serializers.base.DeserializationError as error:
            raise CommandError(f"{path}: {error}") from error
    return created, kept


class Command(BaseCommand):
    help = (
        "Load the whole catalog from a folder of the public files (O*NET text files, BLS "
        "Employment Projections CSV, BLS OEWS csv.gz): fixtures, then the three importers, all "
        "in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="e.g. ../shared/data")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Run everything and report what would change, then roll it all back.",
        )

    def handle(self, *args, folder: Path, dry_run: bool, **options):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        onet = find_one(folder, ["Occupation Data.txt", "*/Occupation Data.txt"], "O*NET folder")
        projections = find_one(
            folder,
            ["employment-projections-*.csv", "*/employment-projections-*.csv"],
            "BLS projections CSV",
        )
        oews = find_one(
            folder, ["oews-*.csv.gz", "oews-*.csv", "*/oews-*.csv.gz", "*/oews-*.csv"], "OEWS file"
        )
        started = time.monotonic()
        if dry_run:
            self.stdout.write("Dry run: everything below is rolled back at the end.")
        out = {"stdout": self.stdout._out, "stderr": self.stderr._out}
        with transaction.atomic():
            for name in FIXTURES:
                created, kept = load_missing(name)
                self.stdout.write(f"fixture {name}: {created} created, {kept} kept as they are")
            call_command("import_onet", onet.parent, **out)
            call_command("import_projections", projections, **out)
            call_command("import_oews", oews, **out)
            if dry_run:
                transaction.set_rollback(True)
        if not dry_run and Area.objects.default_metro() is None:
            self.stdout.write(
                "Note: no metro area is the site's default yet, so pages without a metro in "
                "their address answer 404. Tick 'is default' on one metro area in the admin."
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"Catalog {'checked (dry run)' if dry_run else 'loaded'} in "
            f"{time.monotonic() - started:.1f} s; peak memory {peak:.0f} MB."
        )
