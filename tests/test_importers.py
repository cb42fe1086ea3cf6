"""The O*NET, BLS projections and BLS OEWS importers, on small files in the official formats."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careerpaths.cache import _replace_version
from occupations.importing import Progress
from occupations.models import (
    Area,
    AreaKind,
    ImportRun,
    Occupation,
    ProjectionPeriod,
    RelatedTier,
    Status,
    TitleSource,
    Wage,
)
from pathways.models import Pathway
from tests.importing import (
    DATA,
    OEWS,
    ONET,
    PROJECTIONS,
    copy_folder,
    copy_with,
    import_all,
    load_mapping,
    run,
    snapshot,
)

SONOGRAPHER = "diagnostic-medical-sonographer"


@pytest.fixture
def mapping(demo):
    load_mapping()


def titles(occupation: Occupation, source: str | None = None) -> list[str]:
    rows = occupation.alternate_titles.all()
    if source:
        rows = rows.filter(source=source)
    return sorted(rows.values_list("title", flat=True))


# --- O*NET ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_onet_creates_one_occupation_per_soc_code_with_a_singular_title(mapping):
    output = run("import_onet", ONET)

    managers = Occupation.objects.get(soc_code="11-9041")
    assert managers.title_plural == "Architectural and Engineering Managers"
    assert managers.title == "Architectural and Engineering Manager"
    assert managers.slug == "architectural-and-engineering-manager"
    assert managers.onet_code == "11-9041.00"
    assert managers.onet_release == "27.0"
    assert managers.job_zone == 5
    assert managers.industry.slug == "business-and-finance"
    assert managers.status == Status.PUBLISHED
    assert managers.summary == ""
    assert managers.onet_description.startswith("Plan, direct, or coordinate activities")
    secretary = Occupation.objects.get(soc_code="43-6014")
    assert secretary.title == (
        "Secretary and Administrative Assistant, Except Legal, Medical, and Executive"
    )
    assert Occupation.objects.get(soc_code="27-2011").industry.slug == "arts-media-and-sports"
    # Specialty codes fold into their SOC occupation: no occupation of their own.
    assert not Occupation.objects.filter(onet_code__in=["11-9041.01", "29-1141.01"]).exists()
    assert "occupations: 3 created, 2 updated, 0 unchanged" in output


@pytest.mark.django_db
def test_onet_specialty_titles_alternate_and_reported_titles_become_alternate_titles(mapping):
    run("import_onet", ONET)

    managers = Occupation.objects.get(soc_code="11-9041")
    assert titles(managers, TitleSource.ONET_OCCUPATION) == [
        "Biofuels/Biodiesel Technology and Product Development Manager"
    ]
    assert titles(managers, TitleSource.ONET_ALTERNATE) == [
        "Biofuels Research Manager",
        "Director of Engineering",
        "Engineering Manager",
    ]
    nurse = Occupation.objects.get(soc_code="29-1141")
    assert titles(nurse) == [
        "Acute Care Nurse",
        "Critical Care Nurse",
        "Registered Nurse (RN)",
        "Staff Nurse",
    ]
    sonographer = Occupation.objects.get(soc_code="29-2032")
    # "Sonographer" is both an alternate and a reported title, and "ultrasound technologist"
    # repeats "Ultrasound Technologist": each title is stored once.
    assert titles(sonographer) == [
        "Registered Diagnostic Medical Sonographer (RDMS)",
        "Sonographer",
        "Ultrasound Technologist",
    ]
    actor = Occupation.objects.get(soc_code="27-2011")
    assert "Actor" not in titles(actor), "the occupation's own title is not an alternate"


@pytest.mark.django_db
def test_onet_related_occupations_keep_onet_order_at_soc_level(mapping):
    output = run("import_onet", ONET)

    sonographer = Occupation.objects.get(soc_code="29-2032")
    links = list(sonographer.related_links.select_related("related"))
    assert [(link.related.soc_code, link.tier) for link in links] == [
        ("29-1141", RelatedTier.PRIMARY_SHORT),
        ("11-9041", RelatedTier.SUPPLEMENTAL),
    ]
    assert [link.position for link in links] == [1, 2]
    assert "a specialty related to its own occupation" in output
    assert "one of the two occupations is not on the site" in output


@pytest.mark.django_db
def test_onet_skips_soc_groups_without_an_industry_and_says_why(mapping):
    output = run("import_onet", ONET)

    assert not Occupation.objects.filter(soc_code="55-1011").exists()
    assert "SOC major group 55 is not mapped to an industry" in output


@pytest.mark.django_db
def test_onet_refuses_to_run_before_the_industry_mapping_exists(demo):
    with pytest.raises(CommandError, match="loaddata soc_industries"):
        run("import_onet", ONET)


# --- BLS Employment Projections ------------------------------------------------------------


@pytest.mark.django_db
def test_projections_fill_the_projection_of_each_occupation(mapping):
    run("import_onet", ONET)
    output = run("import_projections", PROJECTIONS)

    nurse = Occupation.objects.get(soc_code="29-1141")
    assert nurse.employment_base == Decimal("3391.0"), "thousands separator read"
    assert nurse.employment_projected == Decimal("3557.1")
    assert nurse.projected_change_percent == Decimal("4.9")
    assert nurse.annual_openings == Decimal("189.1")
    assert nurse.typical_education == "Bachelor's degree"
    assert nurse.projection_period.name == "2024-34"
    assert nurse.growth_band == "average"
    actor = Occupation.objects.get(soc_code="27-2011")
    assert actor.typical_education == "Some college, no degree", '"N/A" wage is no problem'
    assert "occupations: 2 created, 2 updated, 2 unchanged" in output


@pytest.mark.django_db
def test_projections_example_titles_become_alternate_titles(mapping):
    run("import_onet", ONET)
    output = run("import_projections", PROJECTIONS)

    actor = Occupation.objects.get(soc_code="27-2011")
    assert titles(actor, TitleSource.BLS_EXAMPLE) == ["Actor Understudy"]
    assert "Actress" in titles(actor, TitleSource.ONET_ALTERNATE), "O*NET listed it first"
    assert "already listed from another source" in output


@pytest.mark.django_db
def test_projections_create_occupations_onet_does_not_have(mapping):
    run("import_projections", PROJECTIONS)

    buyer = Occupation.objects.get(soc_code="13-1020")
    assert buyer.title_plural == "Buyers and Purchasing Agents", "BLS sentence case, title-cased"
    assert buyer.title == "Buyer and Purchasing Agent"
    assert buyer.industry.slug == "business-and-finance"
    assert buyer.growth_band == "declining"


@pytest.mark.django_db
def test_projections_mis_encoded_characters_are_repaired_not_fatal(mapping):
    assert b"(GED\xbf)" in PROJECTIONS.read_bytes(), "the test file has a raw Windows-1252 byte"

    output = run("import_projections", PROJECTIONS)

    workers = Occupation.objects.get(soc_code="25-9099")
    assert "General Educational Development (GED®) Examiner" in titles(workers)
    assert "1 line(s) were not valid UTF-8" in output
    assert 'repaired 1 mis-encoded character(s) ("GED¿" is "GED®")' in output


@pytest.mark.django_db
def test_projections_refuse_a_period_that_is_not_set_up(demo):
    ProjectionPeriod.objects.filter(name="2024-34").update(name="2022-32")

    with pytest.raises(CommandError, match="projection period 2024-34 is not set up"):
        run("import_projections", PROJECTIONS)


@pytest.mark.django_db
def test_projections_refuse_a_period_without_thresholds(mapping):
    ProjectionPeriod.objects.get(name="2024-34").thresholds.all().delete()

    with pytest.raises(CommandError, match="has no growth-band thresholds"):
        run("import_projections", PROJECTIONS)


@pytest.mark.django_db
def test_projections_refuse_a_period_option_the_file_contradicts(mapping):
    with pytest.raises(CommandError, match="projects 2024-34, but --period says 2026-36"):
        run("import_projections", PROJECTIONS, period="2026-36")


# --- Growth bands --------------------------------------------------------------------------


@pytest.mark.django_db
def test_percent_change_maps_to_a_band_through_the_periods_thresholds(mapping):
    run("import_projections", PROJECTIONS)

    bands = dict(Occupation.objects.exclude(soc_code="").values_list("soc_code", "growth_band"))
    assert bands["29-2032"] == "very-fast"  # +13
    assert bands["11-9041"] == "fast"  # +5
    assert bands["29-1141"] == "average"  # +4.9
    assert bands["25-9099"] == "slow"  # +1.5
    assert bands["27-2011"] == "little-or-no-change"  # +0.3
    assert bands["13-1020"] == "declining"  # -1.8


@pytest.mark.django_db
def test_editing_the_thresholds_rebands_the_occupations(mapping):
    run("import_projections", PROJECTIONS)
    before = dict(Occupation.objects.values_list("slug", "growth_band"))
    period = ProjectionPeriod.objects.get(name="2024-34")
    period.thresholds.filter(band="very-fast").update(min_percent=Decimal("14.0"))
    period.thresholds.filter(band="fast").update(min_percent=Decimal("4.5"))

    changed = period.reapply_bands()

    after = dict(Occupation.objects.values_list("slug", "growth_band"))
    assert {slug: band for slug, band in after.items() if before[slug] != band} == {
        SONOGRAPHER: "fast",  # +13 < 14, was very fast
        "respiratory-therapist": "fast",  # +12.1
        "electrician": "fast",  # +9.5
        "hvac-technician": "fast",  # +8.1
        "registered-nurse": "fast",  # +4.9 >= 4.5, was average
        "plumber": "fast",  # +4.5
    }
    assert changed == 6
    # And the next import uses the edited thresholds too.
    run("import_projections", PROJECTIONS)
    assert Occupation.objects.get(soc_code="29-2032").growth_band == "fast"


@pytest.mark.django_db
def test_rebanding_keeps_history_and_refreshes_cached_pages(
    mapping, alice, django_capture_on_commit_callbacks
):
    from django.db import connection

    run("import_projections", PROJECTIONS)
    for _, callback, *_ in connection.run_on_commit:  # as if the import had committed
        callback()
    period = ProjectionPeriod.objects.get(name="2024-34")
    period.thresholds.filter(band="very-fast").update(min_percent=Decimal("14.0"))
    sonographer = Occupation.objects.get(soc_code="29-2032")

    with django_capture_on_commit_callbacks() as callbacks:
        period.reapply_bands(user=alice)

    latest = sonographer.history.first()
    assert (latest.growth_band, latest.history_user) == ("fast", alice)
    assert latest.history_change_reason == "growth band cut-offs changed"
    assert any(getattr(c, "func", None) is _replace_version for c in callbacks)


# --- BLS OEWS ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_oews_stores_wages_per_occupation_and_area(mapping):
    import_all()

    wage = Wage.objects.get(occupation__soc_code="29-2032", area__code="16740")
    assert wage.employment == 730
    assert wage.annual_median == 98650
    assert wage.hourly_median == Decimal("47.43")
    assert (wage.annual_p10, wage.annual_p25, wage.annual_p75, wage.annual_p90) == (
        78070,
        83390,
        102490,
        107950,
    )
    assert wage.vintage == "May 2025"
    assert wage.top_coded == ""
    nurse = Wage.objects.get(occupation__soc_code="29-1141", area__code="99")
    assert nurse.employment == 3_282_010, "thousands separator read"


@pytest.mark.django_db
def test_oews_keeps_not_released_and_top_coded_apart_from_values_and_zero(mapping):
    import_all()

    actor = Wage.objects.get(occupation__soc_code="27-2011", area__code="16740")
    assert actor.annual_median is None and actor.annual_p90 is None  # "*"
    assert actor.hourly_median == Decimal("20.15")
    assert actor.text("annual_median") == "not released"
    raleigh = Wage.objects.get(occupation__soc_code="29-2032", area__code="39580")
    assert raleigh.employment is None, '"*" employment is not released, not zero'
    nonmetro = Wage.objects.get(occupation__soc_code="29-2032", area__code="3700002")
    assert nonmetro.employment is None, '"**" employment is not released, not zero'
    manager = Wage.objects.get(occupation__soc_code="11-9041", area__code="16740")
    assert manager.top_coded.split() == [
        "hourly_median",
        "annual_median",
        "annual_p75",
        "annual_p90",
    ]
    assert manager.annual_median == 239_200 and manager.hourly_median == Decimal("115.00")
    assert manager.text("annual_median") == "$239,200 or more"
    assert manager.text("hourly_median") == "$115.00 or more"
    assert manager.annual_p25 == 144350 and not manager.is_top_coded("annual_p25")
    assert not Wage.objects.filter(annual_median=0).exists()
    assert not Wage.objects.filter(employment=0).exists()


@pytest.mark.django_db
def test_oews_creates_and_updates_areas_and_keeps_their_curated_names(mapping):
    Area.objects.filter(code="39580").update(name="Raleigh (old name)")

    output = run("import_onet", ONET) + run("import_oews", OEWS)

    raleigh = Area.objects.get(code="39580")
    assert raleigh.name == "Raleigh-Cary, NC"
    assert (raleigh.slug, raleigh.short_name) == ("raleigh", "Raleigh")
    asheville = Area.objects.get(code="11700")
    assert asheville.kind == AreaKind.METRO
    assert (asheville.short_name, asheville.slug, asheville.state) == (
        "Asheville",
        "asheville-nc",
        "NC",
    )
    nonmetro = Area.objects.get(code="3700002")
    assert nonmetro.kind == AreaKind.NONMETRO
    assert (
        nonmetro.name == nonmetro.short_name == "Northeastern North Carolina nonmetropolitan area"
    )
    assert Area.objects.get(code="99").kind == AreaKind.NATION
    assert Area.objects.get(code="37").kind == AreaKind.STATE
    assert "areas: 2 created, 1 updated, 3 unchanged" in output


@pytest.mark.django_db
def test_oews_stores_only_detailed_occupations_the_site_has(mapping):
    output = run("import_onet", ONET) + run("import_oews", OEWS)

    assert not Wage.objects.filter(area__code="99", occupation__soc_code="53-3032").exists()
    assert "not a detailed occupation (O_GROUP major)" in output
    assert "not a detailed occupation (O_GROUP total)" in output
    assert "no occupation with this SOC code on the site" in output


@pytest.mark.django_db
def test_oews_reads_a_plain_csv_too(mapping, tmp_path):
    import gzip

    plain = tmp_path / "oews-2025-sample.csv"
    plain.write_bytes(gzip.decompress(OEWS.read_bytes()))
    run("import_onet", ONET)

    run("import_oews", plain)

    assert Wage.objects.get(occupation__soc_code="29-2032", area__code="99").employment == 90160


# --- Every importer: atomic, dry run, second run, newer file, curated fields -----------------

BAD_ROWS = [
    # (command, file, good bytes, bad bytes, line, problem)
    (
        "import_projections",
        PROJECTIONS,
        b'29-1141,"3,391.00"',
        b'29-1141,"lots"',
        7,
        'column "Employment 2024" is "lots", not a number',
    ),
    (
        "import_projections",
        PROJECTIONS,
        b"Actors    * Actor Understudy",
        b"    * Actor Understudy",
        2,
        'column "Occupation Title" is empty',
    ),
    (
        "import_oews",
        OEWS,
        b'16740,"Charlotte-Concord-Gastonia, NC-SC",4,NC,000000,Cross-industry,29-2032,'
        b"Diagnostic Medical Sonographers,detailed,730",
        b'16740,"Charlotte-Concord-Gastonia, NC-SC",4,NC,000000,Cross-industry,29-2032,'
        b"Diagnostic Medical Sonographers,detailed,-730",
        6,
        'column "TOT_EMP" is "-730"; it cannot be negative',
    ),
    (
        "import_onet",
        ONET / "Occupation Data.txt",
        b"27-2011.00\tActors",
        b"27-2011\tActors",
        4,
        'column "O*NET-SOC Code" is "27-2011", not an O*NET-SOC code like 29-2032.00',
    ),
]


@pytest.mark.parametrize(("command", "source", "good", "bad", "line", "problem"), BAD_ROWS)
@pytest.mark.django_db
def test_a_bad_row_stops_the_run_naming_file_and_line_and_changes_nothing(
    mapping, tmp_path, command, source, good, bad, line, problem
):
    if command == "import_onet":
        folder = copy_folder(ONET, tmp_path / "onet")
        path = copy_with(source, folder / source.name, good, bad)
        argument = folder
    else:
        path = copy_with(source, tmp_path / source.name, good, bad)
        argument = path
        run("import_onet", ONET)
    before = snapshot()

    with pytest.raises(CommandError) as error:
        run(command, argument)

    message = str(error.value)
    assert f"{path}, line {line}: {problem}" in message
    assert "Nothing was imported; the database is unchanged." in message
    assert snapshot() == before


@pytest.mark.django_db
def test_a_file_without_the_official_columns_is_refused(mapping, tmp_path):
    path = copy_with(OEWS, tmp_path / OEWS.name, b"A_MEDIAN", b"MEDIAN")

    with pytest.raises(
        CommandError, match=r"line 1: the header row lacks the column\(s\) 'A_MEDIAN'"
    ):
        run("import_oews", path)


@pytest.mark.parametrize(
    ("command", "path"),
    [("import_onet", ONET), ("import_projections", PROJECTIONS), ("import_oews", OEWS)],
)
@pytest.mark.django_db
def test_a_dry_run_reports_what_would_change_and_changes_nothing(mapping, command, path):
    if command == "import_oews":
        run("import_onet", ONET)
    before = snapshot()

    output = run(command, path, dry_run=True)

    assert snapshot() == before
    assert "dry run, nothing was saved" in output
    assert "would create" in output
    assert not ImportRun.objects.filter(importer=command).exists()


@pytest.mark.django_db
def test_a_second_run_of_the_same_files_changes_nothing(mapping):
    import_all()
    before = snapshot()
    runs = ImportRun.objects.count()

    outputs = [
        run("import_onet", ONET),
        run("import_projections", PROJECTIONS),
        run("import_oews", OEWS),
    ]

    after = snapshot()
    del after["occupations.ImportRun"], before["occupations.ImportRun"]
    assert after == before
    assert ImportRun.objects.count() == runs + 3, "each run is still recorded"
    for output in outputs:
        for line in output.splitlines():
            if line.startswith("  ") and "created" in line:
                assert " 0 created, 0 updated" in line and " 0 deleted" in line, line


@pytest.mark.django_db
def test_a_newer_file_updates_what_changed(mapping, tmp_path):
    import_all()
    newer_projections = copy_with(
        PROJECTIONS,
        tmp_path / PROJECTIONS.name,
        b"29-2032,90,101.7,11.7,13,5.8",
        b"29-2032,90,96,6,6.7,6.1",
    )
    newer_oews = copy_with(
        OEWS,
        tmp_path / "oews-2026-sample.csv.gz",
        b"detailed,730,1.0,47.43,98650",
        b"detailed,760,1.0,47.43,98650",
    )

    projections = run("import_projections", newer_projections)
    oews = run("import_oews", newer_oews)

    sonographer = Occupation.objects.get(soc_code="29-2032")
    assert sonographer.projected_change_percent == Decimal("6.7")
    assert sonographer.growth_band == "fast"
    assert sonographer.annual_openings == Decimal("6.1")
    assert "occupations: 0 created, 1 updated, 5 unchanged" in projections
    charlotte = Wage.objects.get(occupation=sonographer, area__code="16740")
    assert (charlotte.employment, charlotte.vintage) == (760, "May 2026")
    assert "wages: 0 created, 11 updated" in oews, "every row carries the newer vintage"


@pytest.mark.django_db
def test_a_newer_onet_release_replaces_its_titles_and_related_occupations(mapping, tmp_path):
    run("import_onet", ONET)
    folder = copy_folder(ONET, tmp_path / "onet-28.0")
    (folder / "Read Me.txt").write_text("O*NET 28.0 Database\n")
    copy_with(
        ONET / "Alternate Titles.txt",
        folder / "Alternate Titles.txt",
        b"29-2032.00\tUltrasound Technologist",
        b"29-2032.00\tUltrasonographer",
    )
    copy_with(
        ONET / "Related Occupations.txt",
        folder / "Related Occupations.txt",
        b"29-2032.00\t11-9041.00\tSupplemental\t3\n",
        b"",
    )

    output = run("import_onet", folder)

    sonographer = Occupation.objects.get(soc_code="29-2032")
    assert "Ultrasonographer" in titles(sonographer)
    assert sonographer.onet_release == "28.0"
    assert list(sonographer.related_links.values_list("related__soc_code", flat=True)) == [
        "29-1141"
    ]
    assert "related occupations: 0 created, 0 updated, 3 unchanged, 1 deleted" in output


@pytest.mark.django_db
def test_imports_never_touch_what_counselors_curated(mapping):
    sonographer = Occupation.objects.get(slug=SONOGRAPHER)
    Occupation.objects.filter(pk=sonographer.pk).update(
        title="Ultrasound Tech",
        title_plural="Ultrasound Techs",
        industry_id=sonographer.industry_id,
    )
    curated = Occupation.objects.filter(pk=sonographer.pk).values(
        "title",
        "title_plural",
        "slug",
        "summary",
        "industry",
        "spotlight_image",
        "spotlight_image_alt",
        "more_info_url",
        "status",
        "last_reviewed",
    )[0]
    pathways = list(Pathway.objects.filter(occupation=sonographer).values())
    tags = sorted(sonographer.tags.names())

    import_all()

    sonographer = Occupation.objects.get(pk=sonographer.pk)
    after = Occupation.objects.filter(pk=sonographer.pk).values(*curated)[0]
    assert after == curated
    assert list(Pathway.objects.filter(occupation=sonographer).values()) == pathways
    assert sorted(sonographer.tags.names()) == tags
    assert sonographer.onet_description.startswith("Produce ultrasonic recordings")
    assert sonographer.summary_text == curated["summary"], "the counselor's summary still shows"
    assert Wage.objects.filter(occupation=sonographer).count() == 5


@pytest.mark.django_db
def test_a_run_is_recorded_with_the_files_checksum_source_and_counts(mapping):
    import hashlib

    import_all()

    oews = ImportRun.objects.get(importer="import_oews")
    assert oews.sha256 == hashlib.sha256(OEWS.read_bytes()).hexdigest()
    assert oews.vintage == "May 2025"
    assert oews.source.slug == "bls-oews"
    assert oews.summary["counts"]["wages"]["created"] == 11
    assert oews.path == str(OEWS.resolve())
    onet = ImportRun.objects.get(importer="import_onet")
    assert onet.vintage == "O*NET 27.0" and onet.source.vintage == "27.0"
    assert len(onet.sha256) == 64
    assert ImportRun.objects.get(importer="import_projections").vintage == "2024-34"


@pytest.mark.django_db
def test_load_catalog_loads_everything_from_one_folder(demo):
    output = run("load_catalog", DATA)

    assert "fixture soc_industries" in output
    assert Wage.objects.filter(occupation__soc_code="29-2032").count() == 5
    assert Occupation.objects.get(soc_code="29-2032").projected_change_percent == 13
    assert "Catalog loaded in" in output


@pytest.mark.django_db
def test_load_catalog_says_when_no_metro_is_the_default(demo):
    Area.objects.update(is_default=False)

    output = run("load_catalog", DATA)

    assert "no metro area is the site's default yet" in output
    assert "default yet" not in run("load_catalog", DATA, dry_run=True)


@pytest.mark.django_db
def test_load_catalog_keeps_mapping_and_thresholds_staff_edited(demo):
    load_mapping()
    from occupations.models import GrowthThreshold, SocMajorGroup

    SocMajorGroup.objects.filter(code="27").update(
        industry=SocMajorGroup.objects.get(code="25").industry
    )
    GrowthThreshold.objects.filter(band="very-fast").update(min_percent=Decimal("8.0"))

    run("load_catalog", DATA)

    assert SocMajorGroup.objects.get(code="27").industry.slug == "education"
    assert GrowthThreshold.objects.get(band="very-fast").min_percent == Decimal("8.0")
    assert Occupation.objects.get(soc_code="27-2011").industry.slug == "education"


@pytest.mark.django_db
def test_load_catalog_dry_run_changes_nothing(demo):
    before = snapshot()

    output = run("load_catalog", DATA, dry_run=True)

    assert snapshot() == before
    assert "Dry run" in output


# --- Progress ------------------------------------------------------------------------------


class FakeTerminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_only():
    terminal, log = FakeTerminal(), StringIO()
    for stream in (terminal, log):
        progress = Progress(stream, "import_oews: file.csv.gz", total=200, delay=0)
        progress.update(100)
        progress.finish()

    assert "import_oews: file.csv.gz [###############" in terminal.getvalue()
    assert " 50%" in terminal.getvalue()
    assert log.getvalue() == ""


def test_progress_bar_waits_a_few_seconds_before_drawing():
    terminal = FakeTerminal()
    progress = Progress(terminal, "import_oews", total=200)
    progress.update(100)
    assert terminal.getvalue() == ""


@pytest.mark.django_db
def test_importers_are_quiet_about_progress_when_not_on_a_terminal(mapping, monkeypatch):
    monkeypatch.setattr(Progress, "DELAY", 0)  # else this import is over before a bar is due
    err = StringIO()
    call_command("import_onet", str(ONET), stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""


@pytest.mark.django_db
def test_importers_show_their_progress_on_a_terminal(mapping, monkeypatch):
    monkeypatch.setattr(Progress, "DELAY", 0)
    terminal = FakeTerminal()
    call_command("import_onet", str(ONET), stdout=StringIO(), stderr=terminal)
    assert "import_onet: Occupation Data.txt [" in terminal.getvalue()


# --- History and cached pages --------------------------------------------------------------


@pytest.mark.django_db
def test_import_runs_appear_in_history_as_the_importer_not_a_person(mapping):
    run("import_onet", ONET)
    run("import_projections", PROJECTIONS)

    created = Occupation.objects.get(soc_code="11-9041")
    record = created.history.earliest()
    assert record.history_type == "+"
    assert record.history_user.username == "importer:import_onet"
    assert not record.history_user.is_active
    assert not record.history_user.has_usable_password()
    by_projections = Occupation.history.filter(history_user__username="importer:import_projections")
    assert by_projections.filter(history_type="~").exists()
    assert by_projections.first().history_change_reason == "importer:import_projections run"
    assert not Occupation.history.filter(history_user__is_active=True).exists()


@pytest.mark.django_db
def test_an_import_invalidates_cached_pages_but_a_dry_run_does_not(mapping, monkeypatch):
    calls = []
    monkeypatch.setattr("occupations.importing.content_changed", lambda: calls.append(1))

    run("import_projections", PROJECTIONS, "--dry-run")
    assert calls == []
    run("import_projections", PROJECTIONS)
    assert calls == [1]


@pytest.mark.django_db
def test_a_committed_import_refreshes_the_planners_statistics_and_a_dry_run_does_not(
    mapping, monkeypatch, django_capture_on_commit_callbacks
):
    refreshed = []
    monkeypatch.setattr(
        "occupations.importing.refresh_planner_statistics", lambda: refreshed.append(True)
    )
    with django_capture_on_commit_callbacks(execute=True):
        run("import_oews", OEWS, "--dry-run")
    assert refreshed == []
    with django_capture_on_commit_callbacks(execute=True):
        run("import_oews", OEWS)
    assert refreshed == [True]


@pytest.mark.django_db
def test_loading_the_catalog_refreshes_the_planners_statistics_once(
    demo, monkeypatch, django_capture_on_commit_callbacks
):
    """load_catalog runs the three importers in one transaction: one ANALYZE at its commit."""
    refreshed = []
    monkeypatch.setattr(
        "occupations.importing.refresh_planner_statistics", lambda: refreshed.append(True)
    )
    with django_capture_on_commit_callbacks(execute=True):
        run("load_catalog", DATA)
    assert refreshed == [True]


@pytest.mark.django_db
def test_on_postgresql_the_statistics_are_gathered(mapping):
    from django.db import connection

    from occupations.importing import refresh_planner_statistics

    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps no planner statistics")
    run("import_oews", OEWS)

    def last_analyze():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # else kept for the transaction
            cursor.execute(
                "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'occupations_wage'"
            )
            return cursor.fetchone()[0]

    before = last_analyze()
    refresh_planner_statistics()
    after = last_analyze()
    assert after is not None and (before is None or after > before)


@pytest.mark.django_db
def test_updating_occupations_costs_no_query_per_occupation(mapping, django_assert_num_queries):
    """A new O*NET release updates every imported occupation in bulk, history included."""
    import_all()
    updated = Occupation.objects.exclude(onet_release="").count()
    assert updated >= 3
    # The same on SQLite and PostgreSQL: the transaction's savepoint and its release, the
    # importer's user, the data source (read, updated, its history), the SOC major groups, the
    # occupations and their slugs, one bulk update of the occupations and one insert of their
    # history, the alternate titles, the related occupations, and the ImportRun.
    with django_assert_num_queries(14) as queries:
        run("import_onet", ONET, release="99.9")
    assert Occupation.objects.filter(onet_release="99.9").count() == updated
    selects_of_one_occupation = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "occupations_occupation"' in q["sql"] and " LIMIT 21" in q["sql"]
    ]
    assert selects_of_one_occupation == []
