"""Pages that show imported data: what a job pays where, the growth badge and what the bands
mean, the facts from the projections, and an honest page for every imported occupation."""

from decimal import Decimal

import pytest
from django.urls import reverse

from occupations.models import Area, GrowthThreshold, Occupation, ProjectionPeriod
from tests.html import readable_text, soup, texts
from tests.importing import import_all, load_mapping

O_NET_ATTRIBUTION = (
    "This site includes information from the O*NET 27.0 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
    "license. O*NET® is a trademark of USDOL/ETA. This site has modified all or some of this "
    "information. USDOL/ETA has not approved, endorsed, or tested these modifications."
)


def page(client, soc_code: str, metro: str = "charlotte"):
    occupation = Occupation.objects.get(soc_code=soc_code)
    response = client.get(occupation.get_metro_url(Area.objects.get(slug=metro)))
    assert response.status_code == 200
    return soup(response)


def wage_rows(page) -> list[list[str]]:
    return [texts(row, "th, td") for row in page.select(".wage-table tbody tr")]


@pytest.mark.django_db
def test_occupation_page_shows_pay_in_the_metro_its_state_and_the_nation(client, imported):
    sonographer = page(client, "29-2032")

    assert texts(sonographer, ".wages h2") == ["What it pays"]
    assert wage_rows(sonographer) == [
        [
            "Charlotte metro area",
            "$98,650",
            "$78,070 to $107,950",
            "$47.43",
            "730",
            "BLS OEWS, May 2025",
        ],
        [
            "North Carolina",
            "$86,010",
            "$67,070 to $105,530",
            "$41.35",
            "2,970",
            "BLS OEWS, May 2025",
        ],
        [
            "United States",
            "$96,590",
            "$67,820 to $129,370",
            "$46.44",
            "90,160",
            "BLS OEWS, May 2025",
        ],
    ]
    headings = texts(sonographer, ".wage-table thead th")
    assert headings[1:5] == [
        "Median pay a year",
        "Range (10th to 90th percentile)",
        "Median pay an hour",
        "People employed",
    ]


def page_title(page) -> str:
    return page.title.get_text(strip=True)


@pytest.mark.django_db
def test_a_metro_sharing_its_short_name_with_another_is_named_with_its_state(client, imported):
    """With the whole BLS catalog, three metros are "Columbus" and two "Portland": the page
    must say which one it is about. Metros no other shares a name with read as before."""
    Area.objects.create(
        name="Charlotte, MI", short_name="Charlotte", slug="charlotte-mi", code="99001", state="MI"
    )

    charlotte = page(client, "29-2032")
    raleigh = page(client, "29-2032", "raleigh")

    assert page_title(charlotte) == (
        "Diagnostic Medical Sonographer in the Charlotte, NC metro area · careerpaths"
    )
    assert charlotte.select_one('meta[property="og:title"]')["content"] == (
        "Diagnostic Medical Sonographer in the Charlotte, NC metro area"
    )
    assert texts(charlotte, ".snapshot-intro") == [
        "Here is a snapshot of popular pathways for Diagnostic Medical Sonographers in the "
        "Charlotte, NC metro area. Select each title for details."
    ]
    assert [row[0] for row in wage_rows(charlotte)] == [
        "Charlotte, NC metro area",
        "North Carolina",
        "United States",
    ]
    other = page(client, "29-2032", "charlotte-mi")
    assert page_title(other) == (
        "Diagnostic Medical Sonographer in the Charlotte, MI metro area · careerpaths"
    )
    assert "the Charlotte, MI metro area" in texts(other, ".snapshot-intro")[0]

    assert page_title(raleigh) == (
        "Diagnostic Medical Sonographer in the Raleigh metro area · careerpaths"
    )
    assert "the Raleigh metro area" in texts(raleigh, ".snapshot-intro")[0]
    assert [row[0] for row in wage_rows(raleigh)] == [
        "Raleigh metro area",
        "North Carolina",
        "United States",
    ]


@pytest.mark.django_db
def test_a_metro_loaded_on_its_own_knows_whether_its_short_name_is_shared(demo):
    charlotte = Area.objects.get(slug="charlotte")
    assert charlotte.place_name == "Charlotte"
    Area.objects.create(name="Charlotte, MI", short_name="Charlotte", slug="charlotte-mi", code="9")
    Area.objects.create(name="Charlotte Hall, MD", short_name="Charlotte", slug="hall", code="8")

    assert Area.objects.get(slug="charlotte").place_name == "Charlotte, NC"
    assert Area.objects.get(slug="hall").place_name == "Charlotte Hall, MD"  # no state: full name
    assert [area.place_name for area in Area.objects.exclude(kind="metro")] == [
        "North Carolina",
        "United States",
    ]


@pytest.mark.django_db
def test_figures_bls_did_not_release_read_not_released(client, imported):
    raleigh = wage_rows(page(client, "29-2032", "raleigh"))[0]
    assert raleigh == [
        "Raleigh metro area",
        "$92,870",
        "not released",  # the 90th percentile is "*"
        "$44.65",
        "not released",  # employment is "*"
        "BLS OEWS, May 2025",
    ]
    actors = wage_rows(page(client, "27-2011"))[0]
    assert actors[1:5] == ["not released", "not released", "$20.15", "90"]
    durham = wage_rows(page(client, "29-2032", "durham"))
    assert durham[0] == ["Durham metro area", *["not released"] * 4, "BLS OEWS, May 2025"], (
        "a metro the file has no row for"
    )
    assert [row[0] for row in durham] == ["Durham metro area", "North Carolina", "United States"]


@pytest.mark.django_db
def test_top_coded_wages_read_as_the_top_wage_or_more(client, imported):
    managers = wage_rows(page(client, "11-9041"))

    assert managers[0][1:4] == [
        "$239,200 or more",
        "$116,920 to $239,200 or more",
        "$115.00 or more",
    ]
    assert managers[2][2] == "$107,410 to $239,200 or more"


@pytest.mark.django_db
def test_an_occupation_without_wage_figures_says_so(client, imported):
    secretary = page(client, "43-6014")

    text = readable_text(secretary.select_one(".wages"))
    assert text == (
        "What it pays No wage figures from the U.S. Bureau of Labor Statistics (OEWS) are "
        "available on this site for this occupation yet."
    )


@pytest.mark.django_db
def test_growth_badge_carries_the_change_period_and_source_and_links_to_the_bands(client, imported):
    sonographer = page(client, "29-2032")

    badge = sonographer.select_one(".badge")
    assert readable_text(badge) == (
        "Growth rate: Very fast (+13%, 2024-34, BLS Employment Projections)"
    )
    assert badge.select_one("a")["href"] == reverse("growth_bands") + "#band-very-fast"


@pytest.mark.django_db
def test_occupation_page_shows_education_openings_and_preparation_with_sources(client, imported):
    facts = texts(page(client, "29-2032"), ".facts__item")

    assert facts == [
        "Typical entry-level education Associate's degree (BLS Employment Projections 2024-34)",
        "Job openings each year, nationwide about 5,800 (projected average, BLS Employment "
        "Projections 2024-34)",
        "Preparation Medium preparation needed (O*NET Job Zone 3 of 5)",
    ]


@pytest.mark.django_db
def test_an_imported_occupation_without_pathways_gets_a_complete_honest_page(client, imported):
    actor = page(client, "27-2011")

    assert texts(actor, "h1") == ["Actor"]
    main = readable_text(actor.select_one("main"))
    assert "Play parts in stage, television, radio, video, or film productions" in main
    assert "No pathways have been written up for this occupation yet." in main
    assert "Explore the pathways below" not in main
    assert "Growth rate: Little or no change (+0.3%, 2024-34" in main
    for heading in actor.select("main h2"):
        section = heading.find_parent("section")
        assert readable_text(section) != readable_text(heading), f"empty: {heading}"
    footer = readable_text(actor.select_one("footer"))
    assert O_NET_ATTRIBUTION in footer
    assert "U.S. Bureau of Labor Statistics, Employment Projections 2024-34." in footer
    assert "Occupational Employment and Wage Statistics (OEWS), May 2025." in footer
    assert "BLS has not reviewed figures derived here." in footer


@pytest.mark.django_db
def test_an_occupation_only_bls_knows_says_it_has_no_description(client, imported):
    buyer = page(client, "13-1020")

    assert texts(buyer, ".occupation__summary") == [
        "No description of this occupation has been written yet."
    ]
    assert "O*NET" not in readable_text(buyer.select_one("footer"))


@pytest.mark.django_db
def test_onet_attribution_appears_wherever_onet_data_is_shown(client, demo):
    before = readable_text(page(client, "29-2032").select_one("footer"))
    assert "O*NET" not in before, "the demo shows no O*NET text"

    load_mapping()
    import_all()

    sonographer = page(client, "29-2032")
    assert "O*NET Job Zone 3" in readable_text(sonographer.select_one("main"))
    assert O_NET_ATTRIBUTION in readable_text(sonographer.select_one("footer"))


@pytest.mark.django_db
def test_every_imported_occupation_page_renders_with_one_h1(client, imported):
    charlotte = Area.objects.get(slug="charlotte")
    for occupation in Occupation.objects.published():
        response = client.get(occupation.get_metro_url(charlotte))
        assert response.status_code == 200, occupation
        assert len(soup(response).select("h1")) == 1, occupation


@pytest.mark.django_db
def test_wages_come_with_the_metro_lookup_however_many_areas_there_are(
    client, imported, django_assert_num_queries
):
    """The page's budget is 6 queries (README, "Query budget"): the wages in the metro, its
    state and the nation come in the query that finds the metro and its neighbours."""
    sonographer = Occupation.objects.get(soc_code="29-2032")
    url = sonographer.get_metro_url(Area.objects.get(slug="charlotte"))
    assert sonographer.wages.count() == 5
    with django_assert_num_queries(6):
        response = client.get(url)
    assert "$98,650" in response.content.decode()


# --- The growth bands page -------------------------------------------------------------------


@pytest.mark.django_db
def test_growth_bands_page_explains_each_band_with_its_cut_off(client, demo):
    response = client.get(reverse("growth_bands"))

    assert response.status_code == 200
    bands = soup(response)
    assert texts(bands, "h1") == ["What the growth rates mean"]
    assert texts(bands, "title") == ["Growth rates · careerpaths"]
    assert bands.select_one('meta[name="description"]')["content"] == (
        "What the growth-rate badges mean: how fast employment in an occupation is projected "
        "to change."
    )
    assert bands.select_one('meta[property="og:title"]')["content"] == "Growth rates"
    items = {item["id"]: readable_text(item) for item in bands.select(".band-list__item")}
    assert list(items) == [
        "band-very-fast",
        "band-fast",
        "band-average",
        "band-slow",
        "band-little-or-no-change",
        "band-declining",
    ]
    assert items["band-very-fast"] == (
        "Very fast 7% or more Projected to grow 7% or more from 2024 to 2034, more than twice "
        "the average for all occupations."
    )
    assert items["band-fast"].startswith("Fast From 5% to less than 7%")
    assert items["band-declining"].startswith("Declining Less than 0%")
    assert "All occupations together are projected to grow 3.1%" in readable_text(bands)


@pytest.mark.django_db
def test_growth_bands_page_follows_edited_thresholds(client, demo):
    GrowthThreshold.objects.filter(band="very-fast").update(
        min_percent=Decimal("8.0"), explanation="Growing much faster than average."
    )

    bands = soup(client.get(reverse("growth_bands")))

    assert readable_text(bands.select_one("#band-very-fast")) == (
        "Very fast 8% or more Growing much faster than average."
    )
    assert readable_text(bands.select_one("#band-fast")).startswith("Fast From 5% to less than 8%")


@pytest.mark.django_db
def test_growth_bands_page_before_any_projection_is_loaded(client, demo):
    Occupation.objects.update(projection_period=None)
    ProjectionPeriod.objects.all().delete()

    response = client.get(reverse("growth_bands"))

    assert response.status_code == 200
    assert "No employment projections have been loaded yet" in response.content.decode()
