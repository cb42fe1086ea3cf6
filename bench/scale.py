"""Catalog-sized content for the benchmark while `manage.py load_catalog` is not available.

Adds to the demo every state and metro area of BLS OEWS (393 metros) and every O*NET occupation
(about 1,000, with their descriptions), each with three pathways, alternate titles,
certifications, tags (the demo's among them), and spotlights in a few metros. The pathways and
everything under them are made up; wages are not modelled. bench/run.py uses it only when the
real importer is missing, and says so in its output.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.scale ../shared/data
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHWAYS_PER_OCCUPATION = 3
SPOTLIGHTS_PER_PATHWAY = 5
CERTIFICATIONS = 300
TAGS = 200  # each occupation gets three: about 15 occupations a tag, as counselors might tag


def read_areas(data: Path) -> list[tuple[str, str, str, str]]:
    """(code, title, kind, state) of every nation, state and metro area in OEWS."""
    kinds = {"1": "nation", "2": "state", "4": "metro"}
    areas: dict[str, tuple[str, str, str, str]] = {}
    path = data / "bls-oews-2025" / "oews-2025-cross-industry.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            kind = kinds.get(row["AREA_TYPE"])
            if kind and row["AREA"] not in areas:
                areas[row["AREA"]] = (row["AREA"], row["AREA_TITLE"], kind, row["PRIM_STATE"])
    return list(areas.values())


def read_occupations(data: Path) -> list[tuple[str, str, str]]:
    """(O*NET-SOC code, title, description) of every O*NET occupation."""
    text = (data / "onet-27.0" / "Occupation Data.txt").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    return [(r["O*NET-SOC Code"], r["Title"], r["Description"]) for r in reader]


def main(argv: list[str]) -> int:
    data = Path(argv[0] if argv else ROOT.parent / "shared" / "data")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import transaction
    from django.utils.text import slugify
    from taggit.models import Tag

    from careerpaths.cache import content_changed
    from occupations.models import (
        Area,
        DataSource,
        GrowthBand,
        Industry,
        Occupation,
        Status,
        TaggedOccupation,
    )
    from pathways.models import (
        AlternateTitle,
        Certification,
        MetroSpotlight,
        Pathway,
        PathwayCertification,
        Tier,
    )

    rng = random.Random(7)
    with transaction.atomic():
        known_codes = set(Area.objects.values_list("code", flat=True))
        slugs = set(Area.objects.values_list("slug", flat=True))
        new_areas = []
        for code, title, kind, state in read_areas(data):
            if code in known_codes or kind == "nation":
                continue
            slug = slugify(title)[:45]
            while slug in slugs:
                slug = f"{slug[:40]}-{rng.randrange(1000)}"
            slugs.add(slug)
            short = title.split(",")[0].split("-")[0]
            new_areas.append(
                Area(kind=kind, name=title, short_name=short, slug=slug, code=code, state=state)
            )
        Area.objects.bulk_create(new_areas)
        metros = list(Area.objects.metros())

        industries = list(Industry.objects.all())
        sources = list(DataSource.objects.all())
        tags = list(Tag.objects.all())
        tags += Tag.objects.bulk_create(
            Tag(name=f"interest {n}", slug=f"bench-interest-{n}") for n in range(TAGS - len(tags))
        )
        taken_slugs = set(Occupation.objects.values_list("slug", flat=True))
        taken_socs = set(Occupation.objects.exclude(soc_code="").values_list("soc_code", flat=True))
        occupations = []
        for onet_code, title, description in read_occupations(data):
            slug = slugify(title)[:150]
            if slug in taken_slugs:
                continue
            taken_slugs.add(slug)
            soc = onet_code[:7] if onet_code[:7] not in taken_socs else ""
            taken_socs.add(soc)
            change = rng.randint(-5, 20)
            occupations.append(
                Occupation(
                    industry=rng.choice(industries),
                    title=title,
                    title_plural=f"{title} workers",
                    slug=slug,
                    soc_code=soc,
                    onet_code=onet_code,
                    onet_description=description,
                    growth_band=rng.choice(GrowthBand.values),
                    projected_change_percent=change,
                    typical_education=rng.choice(
                        ["High school diploma or equivalent", "Associate's degree"]
                    ),
                    status=Status.PUBLISHED,
                )
            )
        occupations = Occupation.objects.bulk_create(occupations)
        TaggedOccupation.objects.bulk_create(
            TaggedOccupation(content_object=occupation, tag=tag)
            for occupation in occupations
            for tag in rng.sample(tags, 3)
        )

        certifications = Certification.objects.bulk_create(
            Certification(
                name=f"Certified Specialist {n}",
                slug=f"bench-certified-specialist-{n}",
                awarding_body="Bench Board",
                url=f"https://example.org/certifications/{n}",
            )
            for n in range(CERTIFICATIONS)
        )
        pathways = Pathway.objects.bulk_create(
            Pathway(
                occupation=occupation,
                title=f"{occupation.title}: specialty {n + 1}",
                slug=f"specialty-{n + 1}",
                description=occupation.onet_description,
                more_info_url="https://example.org/pathway",
                more_info_source=sources[0],
                position=n,
                status=Status.PUBLISHED,
            )
            for occupation in occupations
            for n in range(PATHWAYS_PER_OCCUPATION)
        )
        AlternateTitle.objects.bulk_create(
            AlternateTitle(pathway=pathway, title=f"{pathway.title} ({word})", position=n)
            for pathway in pathways
            for n, word in enumerate(["lead", "technician"])
        )
        PathwayCertification.objects.bulk_create(
            PathwayCertification(pathway=pathway, certification=certification, tier=tier)
            for pathway in pathways
            for tier, certification in zip(
                Tier.values, rng.sample(certifications, len(Tier.values)), strict=True
            )
        )
        MetroSpotlight.objects.bulk_create(
            MetroSpotlight(
                pathway=pathway, metro=metro, rating=rng.randint(1, 5), source=sources[0]
            )
            for pathway in pathways
            for metro in rng.sample(metros, SPOTLIGHTS_PER_PATHWAY)
        )
        content_changed()
    print(
        f"added {len(new_areas)} areas, {len(occupations)} occupations, {len(pathways)} pathways "
        f"(now {Area.objects.metros().count()} metros, {Occupation.objects.count()} occupations)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
