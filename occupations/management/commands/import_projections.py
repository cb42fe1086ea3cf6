"""Import the BLS Employment Projections CSV (one row per SOC occupation).

Fills each occupation's projection: employment at the start and end of the period, percent
change, openings a year, typical entry-level education, and the growth band that the percent
change falls in under the period's thresholds (data, editable in the admin). The example job
titles packed into the title column ("Actors    * Actress* Voice-Over Artist") become
alternate titles. An occupation the site does not have yet is created.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from django.core.management.base import CommandError

from occupations.importing import (
    ImportCommand,
    OccupationSync,
    Outcome,
    RowError,
    decimal,
    required_text,
    soc_code,
    sync_alternate_titles,
    want_title,
)
from occupations.models import (
    ProjectionPeriod,
    SocMajorGroup,
    TitleSource,
)
from occupations.titles import title_case

TITLE = "Occupation Title"
CODE = "Occupation Code"
EDUCATION = "Typical Entry-Level Education"
PERCENT = re.compile(r"^Employment Percent Change, (\d{4})-(\d{4})$")
TENTH = Decimal("0.1")
IMPORTED_FIELDS = [
    "projection_period",
    "projected_change_percent",
    "employment_base",
    "employment_projected",
    "annual_openings",
    "typical_education",
    "growth_band",
    "updated",
]


def split_title(text: str) -> tuple[str, list[str]]:
    """ "Actors    * Actress* Voice-Over Artist" -> ("Actors", ["Actress", "Voice-Over Artist"])."""
    title, *examples = text.split("*")
    return " ".join(title.split()), [" ".join(e.split()) for e in examples if e.strip()]


def period_name(start: int, end: int) -> str:
    """2024, 2034 -> "2024-34" (how BLS names its projection periods)."""
    return f"{start}-{end % 100:02d}" if end // 100 == start // 100 else f"{start}-{end}"


class Command(ImportCommand):
    help = (
        "Import the BLS Employment Projections CSV: employment, percent change and growth band, "
        "openings, typical entry-level education and example job titles per occupation. "
        "Curated fields of existing occupations are never changed."
    )
    importer_name = "import_projections"
    path_help = "The projections CSV, e.g. employment-projections-2024-34.csv."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--period",
            help='The projection period, e.g. "2024-34" (default: read from the column '
            "headers). It and its growth-band thresholds must exist (loaddata growth_bands).",
        )

    def run(self, path: Path) -> Outcome:
        table = self.open_table(path, required=[TITLE, CODE, EDUCATION])
        period = self.find_period(path, table.peek_header())
        start, end = period.start_year, period.end_year
        columns = {
            "employment_base": f"Employment {start}",
            "employment_projected": f"Employment {end}",
            "projected_change_percent": f"Employment Percent Change, {start}-{end}",
            "annual_openings": f"Occupational Openings, {start}-{end} Annual Average",
        }
        table.required += list(columns.values())
        sync = OccupationSync(
            self.summary,
            IMPORTED_FIELDS,
            dict(SocMajorGroup.objects.values_list("code", "industry_id")),
        )
        examples: dict[str, list[str]] = {}
        for row in table:
            code = soc_code(row[CODE], CODE)
            if code in examples:
                raise RowError(f"{code} is listed twice")
            title, examples[code] = split_title(row[TITLE])
            title = required_text(title, TITLE)
            values = {
                name: decimal(row[column], column).quantize(TENTH)
                for name, column in columns.items()
            }
            values["typical_education"] = required_text(row[EDUCATION], EDUCATION)
            values["projection_period_id"] = period.pk
            values["growth_band"] = period.band_for(values["projected_change_percent"])
            sync.sync(code, values, plural=title_case(title))
        occupations = sync.finish()

        wanted: dict = {}
        for code, occupation in occupations.items():
            for title in examples[code]:
                want_title(self.summary, wanted, occupation, title, TitleSource.BLS_EXAMPLE)
        sync_alternate_titles(
            self.summary,
            wanted,
            [o.pk for o in occupations.values()],
            {TitleSource.BLS_EXAMPLE},
        )
        return Outcome(files=[path], source=period.source, vintage=period.name)

    def find_period(self, path: Path, header: list[str]) -> ProjectionPeriod:
        in_file = None
        for column in header:
            if match := PERCENT.match(column):
                in_file = period_name(int(match.group(1)), int(match.group(2)))
        asked = self.options.get("period")
        if asked and in_file and asked != in_file:
            raise CommandError(
                f"{path} projects {in_file}, but --period says {asked}. Nothing was imported."
            )
        name = asked or in_file
        if not name:
            raise CommandError(
                f'{path} has no "Employment Percent Change, YYYY-YYYY" column to tell the '
                "projection period; say it with --period, e.g. --period 2024-34."
            )
        try:
            period = (
                ProjectionPeriod.objects.select_related("source")
                .prefetch_related("thresholds")
                .get(name=name)
            )
        except ProjectionPeriod.DoesNotExist:
            raise CommandError(
                f"The projection period {name} is not set up. Load it with its growth-band "
                "thresholds (manage.py loaddata growth_bands) or add it in the admin, then "
                "import again. Nothing was imported."
            ) from None
        if not period.thresholds.all():
            raise CommandError(
                f"The projection period {name} has no growth-band thresholds. Add them in the "
                "admin (or manage.py loaddata growth_bands), then import again. Nothing was "
                "imported."
            )
        return period
