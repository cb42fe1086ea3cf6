"""Import the O*NET database text files: occupations, alternate titles, related occupations and
job zones. See `occupations.importing` for what every importer does (atomic, --dry-run, ...).

One site occupation per SOC code: the O*NET-SOC code ending in .00 is that occupation; the
specialty codes (11-9041.01) are folded into it and their titles become alternate titles.
Existing occupations are matched by SOC code and only their imported fields change.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management.base import CommandError

from occupations.importing import (
    Batch,
    ImportCommand,
    OccupationSync,
    Outcome,
    RowError,
    delete_rows,
    ensure_source,
    integer,
    onet_code,
    required_text,
    sync_alternate_titles,
    want_title,
)
from occupations.models import (
    Occupation,
    RelatedOccupation,
    RelatedTier,
    SocMajorGroup,
    TitleSource,
)
from occupations.titles import singularize_title

OCCUPATION_DATA = "Occupation Data.txt"
ALTERNATE_TITLES = "Alternate Titles.txt"
REPORTED_TITLES = "Sample of Reported Titles.txt"
RELATED = "Related Occupations.txt"
JOB_ZONES = "Job Zones.txt"
README = "Read Me.txt"
CODE = "O*NET-SOC Code"
TIERS = {
    "Primary-Short": RelatedTier.PRIMARY_SHORT,
    "Primary-Long": RelatedTier.PRIMARY_LONG,
    "Supplemental": RelatedTier.SUPPLEMENTAL,
}
ONET_SOURCE = {
    "name": "O*NET",
    "url": "https://www.onetcenter.org/database.html",
    "description": "O*NET Database by USDOL/ETA, used under CC BY 4.0.",
}
IMPORTED_FIELDS = ["onet_code", "onet_description", "onet_release", "job_zone", "updated"]


class Command(ImportCommand):
    help = (
        "Import O*NET database text files from a folder: occupations (one per SOC code; "
        "specialty codes folded in), alternate and reported titles, related occupations and "
        "job zones. Curated fields of existing occupations are never changed."
    )
    importer_name = "import_onet"
    path_help = (
        f'Folder with the O*NET text files ("{OCCUPATION_DATA}", "{ALTERNATE_TITLES}", ...).'
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--release",
            help='The O*NET release, e.g. "27.0" (default: read from "Read Me.txt" or the '
            "folder name).",
        )

    def run(self, folder: Path) -> Outcome:
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder of O*NET text files.")
        if not (folder / OCCUPATION_DATA).exists():
            raise CommandError(f'{folder} has no "{OCCUPATION_DATA}".')
        self.folder = folder
        self.files = [folder / OCCUPATION_DATA]
        release = self.options.get("release") or self.read_release(folder)
        source = ensure_source("onet", release, ONET_SOURCE, self.summary)
        self.industries = dict(SocMajorGroup.objects.values_list("code", "industry_id"))
        if not self.industries:
            raise CommandError(
                "No SOC major group is mapped to an industry yet: load the mapping first "
                "(manage.py loaddata soc_industries)."
            )

        socs = self.read_occupations(folder / OCCUPATION_DATA)
        zones = self.read_job_zones()
        occupations = self.sync_occupations(socs, zones, release)
        self.sync_alternate_titles(socs, occupations)
        self.sync_related(occupations)
        return Outcome(files=self.files, source=source, vintage=f"O*NET {release}")

    # --- reading ---

    def read_release(self, folder: Path) -> str:
        readme = folder / README
        if readme.exists():
            self.files.append(readme)
            match = re.search(
                r"O\*NET\s+(\d+\.\d+)\s+Database", readme.read_text("utf-8", "replace")
            )
            if match:
                return match.group(1)
        match = re.search(r"(\d+\.\d+)", folder.resolve().name)
        if match:
            return match.group(1)
        raise CommandError(
            f'Cannot tell which O*NET release {folder} is (no "{README}" naming it, no number '
            "in the folder name); say it with --release, e.g. --release 27.0."
        )

    def optional(self, name: str) -> Path | None:
        path = self.folder / name
        if path.exists():
            self.files.append(path)
            return path
        self.summary.notes.append(f'"{name}" not found: left what it would import as it was')
        return None

    def read_occupations(self, path: Path) -> dict[str, dict]:
        """SOC code -> {"code", "title", "description", "specialties": [(code, title)]}."""
        socs: dict[str, dict] = {}
        seen: set[str] = set()
        table = self.open_table(path, delimiter="\t", required=[CODE, "Title", "Description"])
        for row in table:
            code = onet_code(row[CODE], CODE)
            if code in seen:
                raise RowError(f"{code} is listed twice")
            seen.add(code)
            title = required_text(row["Title"], "Title")
            entry = socs.setdefault(code[:7], {"specialties": []})
            if code.endswith(".00"):
                entry.update(code=code, title=title, description=row["Description"].strip())
            else:
                entry["specialties"].append((code, title))
        return socs

    def read_job_zones(self) -> dict[str, int] | None:
        path = self.optional(JOB_ZONES)
        if path is None:
            return None
        zones = {}
        for row in self.open_table(path, delimiter="\t", required=[CODE, "Job Zone"]):
            zone = integer(row["Job Zone"], "Job Zone")
            if not 1 <= zone <= 5:
                raise RowError(f'column "Job Zone" is {zone}; job zones run from 1 to 5')
            zones[onet_code(row[CODE], CODE)] = zone
        return zones

    # --- writing ---

    def sync_occupations(
        self, socs: dict[str, dict], zones: dict[str, int] | None, release: str
    ) -> dict[str, Occupation]:
        """Create or update one occupation per SOC code; returns them by SOC code."""
        sync = OccupationSync(self.summary, IMPORTED_FIELDS, self.industries)
        for soc, entry in sorted(socs.items()):
            if "code" not in entry:
                if soc not in sync.existing:
                    self.summary.skip(
                        "occupations",
                        "only O*NET specialty codes, no .00 code to name the SOC occupation "
                        "(the BLS projections create it)",
                    )
                    continue
                values = {"onet_release": release}
            else:
                values = {
                    "onet_code": entry["code"],
                    "onet_description": entry["description"],
                    "onet_release": release,
                }
            if zones is not None:
                codes = [entry.get("code"), *(code for code, _ in entry["specialties"])]
                values["job_zone"] = next((zones[c] for c in codes if c in zones), None)
            sync.sync(soc, values, plural=entry.get("title", ""))
        return sync.finish()

    def sync_alternate_titles(self, socs: dict[str, dict], occupations: dict[str, Occupation]):
        """Specialty, alternate and reported titles, once each per occupation."""
        kind = "alternate titles"
        wanted: dict[tuple[int, str], tuple[str, str]] = {}
        managed = {TitleSource.ONET_OCCUPATION}
        by_code: dict[str, Occupation] = {}
        for soc, entry in socs.items():
            occupation = occupations.get(soc)
            if occupation is None:
                continue
            by_code[entry.get("code", "")] = occupation
            for code, title in entry["specialties"]:
                by_code[code] = occupation
                want_title(
                    self.summary,
                    wanted,
                    occupation,
                    singularize_title(title),
                    TitleSource.ONET_OCCUPATION,
                )

        for name, column, source in [
            (ALTERNATE_TITLES, "Alternate Title", TitleSource.ONET_ALTERNATE),
            (REPORTED_TITLES, "Reported Job Title", TitleSource.ONET_REPORTED),
        ]:
            path = self.optional(name)
            if path is None:
                continue
            managed.add(source)
            for row in self.open_table(path, delimiter="\t", required=[CODE, column]):
                code = onet_code(row[CODE], CODE)
                title = required_text(row[column], column)
                if len(title) > 250:
                    raise RowError(f'column "{column}" is longer than 250 characters')
                occupation = by_code.get(code)
                if occupation is None:
                    self.summary.skip(kind, "its occupation is not on the site")
                    continue
                want_title(self.summary, wanted, occupation, title, source)

        sync_alternate_titles(self.summary, wanted, [o.pk for o in occupations.values()], managed)

    def sync_related(self, occupations: dict[str, Occupation]) -> None:
        path = self.optional(RELATED)
        if path is None:
            return
        kind = "related occupations"
        tally = self.summary[kind]
        by_id = {o.pk: o for o in occupations.values()}
        wanted: dict[tuple[int, int], list] = {}
        counts: dict[int, int] = {}
        columns = [CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"]
        rows = []
        for row in self.open_table(path, delimiter="\t", required=columns):
            code = onet_code(row[CODE], CODE)
            related = onet_code(row["Related O*NET-SOC Code"], "Related O*NET-SOC Code")
            tier = TIERS.get(row["Relatedness Tier"].strip())
            if tier is None:
                raise RowError(
                    f'column "Relatedness Tier" is "{row["Relatedness Tier"]}", not one of '
                    f"{', '.join(TIERS)}"
                )
            index = integer(row["Index"], "Index")
            rows.append((not code.endswith(".00"), code, index, related, tier))
        # The .00 code's list first, then its specialties', each in O*NET's order.
        for _, code, _, related, tier in sorted(rows):
            occupation, other = occupations.get(code[:7]), occupations.get(related[:7])
            if occupation is None or other is None:
                self.summary.skip(kind, "one of the two occupations is not on the site")
            elif occupation.pk == other.pk:
                self.summary.skip(kind, "a specialty related to its own occupation")
            elif (occupation.pk, other.pk) in wanted:
                self.summary.skip(kind, "listed twice (through specialty codes)")
            else:
                counts[occupation.pk] = counts.get(occupation.pk, 0) + 1
                wanted[(occupation.pk, other.pk)] = [tier, counts[occupation.pk]]
        existing = {
            (occupation_id, related_id): (pk, tier, position)
            for pk, occupation_id, related_id, tier, position in RelatedOccupation.objects.filter(
                occupation_id__in=by_id
            ).values_list("pk", "occupation_id", "related_id", "tier", "position")
        }
        batch = Batch(RelatedOccupation, ["tier", "position"], size=5000)
        for key, (tier, position) in wanted.items():
            current = existing.get(key)
            if current is None:
                batch.create(
                    RelatedOccupation(
                        occupation_id=key[0], related_id=key[1], tier=tier, position=position
                    )
                )
                tally.created += 1
            elif current[1:] != (tier, position):
                batch.update(RelatedOccupation(pk=current[0], tier=tier, position=position))
                tally.updated += 1
            else:
                tally.unchanged += 1
        batch.flush()
        stale = [pk for key, (pk, _, _) in existing.items() if key not in wanted]
        tally.deleted += delete_rows(RelatedOccupation, stale)
