"""Import BLS OEWS wages (.csv or .csv.gz in the official download column layout).

Per occupation and area: employment, hourly and annual median, and the annual 10th, 25th, 75th
and 90th percentiles. The nation, states, metro and nonmetropolitan areas are created or updated
from the file (name, code, state); an existing area keeps its slug and short name. `*` (not
released) is stored as NULL and `#` (at or above the top published wage) as that top wage,
marked top-coded: neither ever becomes zero. Only detailed occupations the site has are stored.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from django.core.management.base import CommandError

from occupations.importing import (
    Batch,
    ImportCommand,
    Outcome,
    RowError,
    assign,
    decimal,
    ensure_source,
    integer,
    required_text,
    soc_code,
)
from occupations.models import WAGE_FIGURES, Area, AreaKind, Occupation, Wage
from occupations.titles import first_city, unique_slug

AREA_KINDS = {
    "1": AreaKind.NATION,
    "2": AreaKind.STATE,
    "4": AreaKind.METRO,
    "6": AreaKind.NONMETRO,
}
COLUMNS = {
    "employment": "TOT_EMP",
    "hourly_median": "H_MEDIAN",
    "annual_median": "A_MEDIAN",
    "annual_p10": "A_PCT10",
    "annual_p25": "A_PCT25",
    "annual_p75": "A_PCT75",
    "annual_p90": "A_PCT90",
}
REQUIRED = [
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "OCC_CODE",
    "O_GROUP",
    *COLUMNS.values(),
]
NOT_RELEASED = {"*", "**"}
TOP_CODED = "#"
CENT = Decimal("0.01")
OEWS_SOURCE = {
    "name": "BLS OEWS",
    "url": "https://www.bls.gov/oes/",
    "description": "U.S. Bureau of Labor Statistics Occupational Employment and Wage "
    "Statistics: employment and wages by area.",
}
FIELDS = ["vintage", *WAGE_FIGURES, "top_coded"]


class Command(ImportCommand):
    help = (
        "Import BLS OEWS wages (.csv or .csv.gz, official column layout) for every occupation "
        "the site has, in the nation, states, metro and nonmetropolitan areas; creates or "
        "updates those areas."
    )
    importer_name = "import_oews"
    path_help = "The OEWS file, e.g. oews-2025-cross-industry.csv.gz."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--vintage",
            help='The OEWS release, e.g. "May 2025" (default: May of the year in the file name).',
        )
        parser.add_argument(
            "--top-annual",
            type=int,
            default=239_200,
            help="The top published annual wage that # stands for (default: 239200, May 2025).",
        )
        parser.add_argument(
            "--top-hourly",
            type=Decimal,
            default=Decimal("115.00"),
            help="The top published hourly wage that # stands for (default: 115.00, May 2025).",
        )

    def run(self, path: Path) -> Outcome:
        vintage = self.options.get("vintage") or self.vintage_from_name(path)
        source = ensure_source("bls-oews", vintage, OEWS_SOURCE, self.summary)
        self.top = {
            name: self.options["top_hourly"]
            if name == "hourly_median"
            else self.options["top_annual"]
            for name in COLUMNS
        }
        occupations = dict(Occupation.objects.exclude(soc_code="").values_list("soc_code", "pk"))
        self.areas: dict[str, Area] = {a.code: a for a in Area.objects.all()}
        self.seen_areas: dict[str, Area] = {}
        self.area_slugs = {a.slug for a in self.areas.values()}
        existing = {
            (row[1], row[2]): (row[0], row[3:])
            for row in Wage.objects.values_list("pk", "occupation_id", "area_id", *FIELDS)
            .order_by()
            .iterator(chunk_size=20_000)
        }
        tally = self.summary["wages"]
        batch = Batch(Wage, FIELDS, size=5000, replace=True)
        seen: set[tuple[int, int]] = set()
        table = self.open_table(path, required=REQUIRED, upper_header=True)
        for row in table:
            kind = AREA_KINDS.get(row["AREA_TYPE"].strip())
            if kind is None:
                self.summary.skip("wages", f"area type {row['AREA_TYPE']} is not used by the site")
                continue
            naics = row.get("NAICS", "000000").strip()
            if naics not in ("000000", ""):
                self.summary.skip("wages", "an industry-specific estimate, not cross-industry")
                continue
            area = self.area_for(row, kind)
            group = row["O_GROUP"].strip()
            if group != "detailed":
                self.summary.skip("wages", f"not a detailed occupation (O_GROUP {group})")
                continue
            code = soc_code(row["OCC_CODE"], "OCC_CODE")
            occupation_id = occupations.get(code)
            if occupation_id is None:
                self.summary.skip("wages", "no occupation with this SOC code on the site")
                continue
            key = (occupation_id, area.pk)
            if key in seen:
                raise RowError(f"{code} in area {area.code} is listed twice")
            seen.add(key)
            values = (vintage, *self.figures(row))
            current = existing.get(key)
            if current is not None and current[1] == values:
                tally.unchanged += 1
                continue
            wage = Wage(
                pk=current[0] if current else None,
                occupation_id=occupation_id,
                area_id=area.pk,
                **dict(zip(FIELDS, values, strict=True)),
            )
            if current is None:
                batch.create(wage)
                tally.created += 1
            else:
                batch.update(wage)
                tally.updated += 1
        batch.flush()
        return Outcome(files=[path], source=source, vintage=vintage)

    def vintage_from_name(self, path: Path) -> str:
        match = re.search(r"(?<!\d)(20\d\d)(?!\d)", path.name)
        if not match:
            raise CommandError(
                f"Cannot tell the OEWS release from the file name {path.name}; say it with "
                '--vintage, e.g. --vintage "May 2025".'
            )
        return f"May {match.group(1)}"

    def figures(self, row: dict[str, str]) -> list:
        """The wage figures of a row, then the names of the top-coded ones."""
        values, top_coded = [], []
        for name, column in COLUMNS.items():
            text = row[column].strip()
            if text in NOT_RELEASED:
                values.append(None)
            elif text == TOP_CODED:
                if name == "employment":
                    raise RowError(f'column "{column}" is {TOP_CODED}, which only wages can be')
                values.append(self.top[name])
                top_coded.append(name)
            elif name == "hourly_median":
                number = decimal(text, column)
                if number < 0:
                    raise RowError(f'column "{column}" is "{text}"; wages cannot be negative')
                values.append(number.quantize(CENT))
            else:
                number = integer(text, column)
                if number < 0:
                    raise RowError(f'column "{column}" is "{text}"; it cannot be negative')
                values.append(number)
        return [*values, " ".join(top_coded)]

    def area_for(self, row: dict[str, str], kind: str) -> Area:
        """The row's area, created or updated the first time the file names it."""
        code = row["AREA"].strip()
        area = self.seen_areas.get(code)
        if area is not None:
            return area
        if not code or len(code) > 10:
            raise RowError(f'column "AREA" is "{code}", not an OEWS area code')
        name = required_text(row["AREA_TITLE"], "AREA_TITLE")
        if kind == AreaKind.NATION and name in ("National", "U.S.", "US"):
            name = "United States"
        state = "" if kind == AreaKind.NATION else row["PRIM_STATE"].strip()
        if len(state) > 2:
            raise RowError(f'column "PRIM_STATE" is "{state}", not a two-letter postal code')
        tally = self.summary["areas"]
        area = self.areas.get(code)
        if area is None:
            short_name = first_city(name) if kind == AreaKind.METRO else name
            area = Area.objects.create(
                code=code,
                name=name,
                short_name=short_name[:80],
                slug=unique_slug(name, self.area_slugs, max_length=50, suffix=code),
                state=state,
                kind=kind,
            )
            tally.created += 1
        elif assign(area, {"name": name, "state": state, "kind": kind}):
            area.save(update_fields=["name", "state", "kind"])
            tally.updated += 1
        else:
            tally.unchanged += 1
        self.seen_areas[code] = area
        return area
