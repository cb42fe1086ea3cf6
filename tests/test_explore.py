"""Explore: home, search, the filtered list, compare, related occupations, SEO, print."""

import json
import re

import pytest
from django.contrib.sitemaps import views as sitemap_views
from django.test import RequestFactory
from django.urls import reverse
from django.utils.text import slugify

from careerpaths.sitemaps import SITEMAPS
from occupations.models import Area, Occupation, Status
from pathways.models import Certification, Pathway, PathwayCertification, Tier
from pathways.search import ALSO_CALLED, PATHWAY, PATHWAY_ALSO_CALLED, TAG, TEXT, TITLE, search
from tests.html import readable_text, soup, texts

SONOGRAPHER = "diagnostic-medical-sonographer"


def occupation_page(slug=SONOGRAPHER, metro="charlotte") -> str:
    return reverse("occupation_in_metro", kwargs={"slug": slug, "metro": metro})


# Home


@pytest.mark.django_db
def test_home_has_search_metro_picker_industries_and_fastest_growing(client, demo):
    page = soup(client.get(reverse("home"), {"metro": "raleigh"}))

    assert page.select_one("form[role=search]")["action"] == reverse("search")
    assert page.select_one("form.metro-picker option[selected]")["value"] == "raleigh"
    cards = page.select("#fastest-heading ~ ul .card")
    expected = list(
        Occupation.objects.published()
        .exclude(projected_change_percent=None)
        .order_by("-projected_change_percent", "title")
        .values_list("title", flat=True)[:6]
    )
    assert [card.select_one("a").get_text(strip=True) for card in cards] == expected
    assert all(card.select_one(".badge") for card in cards)
    assert cards[0].select_one("a")["href"].endswith("/raleigh/")
    assert len(texts(page, "#industries-heading ~ ul .card__title")) >= 4


# Search


@pytest.mark.django_db
def test_search_finds_alternate_titles_and_says_why(client, demo):
    page = soup(client.get(reverse("search"), {"q": "ultrasound tech"}))

    results = page.select(".search-result")
    assert results, "ultrasound tech must find the sonographer"
    assert results[0].select_one("a").get_text(strip=True) == "Diagnostic Medical Sonographer"
    assert "also called: OB/GYN Ultrasound Technologist" in readable_text(results[0])


@pytest.mark.django_db
def test_search_ranks_title_matches_before_other_matches(demo):
    results = search("sonographer")

    assert results[0].occupation.title == "Diagnostic Medical Sonographer"
    assert results[0].score == TITLE
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    assert TITLE > ALSO_CALLED > PATHWAY > PATHWAY_ALSO_CALLED > TAG > TEXT


@pytest.mark.django_db
def test_search_ranks_titles_with_the_whole_word_before_titles_that_contain_it(demo):
    nurse = Occupation.objects.get(slug="registered-nurse")
    Occupation.objects.create(
        industry=nurse.industry,
        title="Agricultural Nursery Worker",
        title_plural="Agricultural Nursery Workers",
        slug="agricultural-nursery-worker",
        status=Status.PUBLISHED,
    )

    titles = [r.occupation.title for r in search("nurse") if r.score == TITLE]

    assert titles.index("Registered Nurse") < titles.index("Agricultural Nursery Worker")


@pytest.mark.django_db
def test_search_matches_pathways_tags_and_descriptions_with_reasons(demo):
    pathway = Pathway.objects.get(slug="neurosonography")
    by_pathway = {r.occupation.slug: r for r in search("neurosonography")}
    assert by_pathway[SONOGRAPHER].reason == f"pathway: {pathway.title}"

    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    occupation.summary = "Works with zyzzyvas and other unusual things."
    occupation.save()
    described = search("zyzzyvas")
    assert [(r.occupation.slug, r.reason) for r in described] == [
        (SONOGRAPHER, "matched in its description")
    ]

    occupation.tags.add("quokkas")
    assert search("quokkas")[0].reason == "tagged: quokkas"


@pytest.mark.django_db
def test_search_never_shows_drafts(demo):
    Occupation.objects.filter(slug=SONOGRAPHER).update(status=Status.DRAFT)

    assert SONOGRAPHER not in {r.occupation.slug for r in search("sonographer")}
    assert SONOGRAPHER not in {r.occupation.slug for r in search("ultrasound")}


@pytest.mark.django_db
def test_search_with_no_results_suggests_and_never_dead_ends(client, demo):
    page = soup(client.get(reverse("search"), {"q": "sonografer"}))

    assert "No occupations matched" in readable_text(page.select_one("main"))
    assert "Diagnostic Medical Sonographer" in texts(page, "main li a")
    assert page.find("a", href=lambda h: h and h.startswith(reverse("occupation_list")))


@pytest.mark.django_db
def test_search_query_count_is_fixed(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get(reverse("search"), {"q": "technician"})


# The list


@pytest.mark.django_db
def test_list_filters_by_growth_and_counts_each_choice(client, demo):
    page = soup(client.get(reverse("occupation_list"), {"growth": "very-fast"}))

    titles = texts(page, ".occupation-list__title")
    expected = Occupation.objects.published().filter(growth_band="very-fast")
    assert titles == sorted(expected.values_list("title", flat=True))
    growth = {
        a.get_text(" ", strip=True).split(" (")[0]: a for a in page.select("#facet-growth + ul a")
    }
    assert f"({expected.count()})" in growth["Very fast"].get_text()
    assert growth["Very fast"]["aria-current"] == "true"
    assert growth["Very fast"]["href"] == "?"  # selecting it again removes the filter
    healthcare = next(a for a in page.select("#facet-industry + ul a") if "Healthcare" in a.text)
    count = expected.filter(industry__slug="healthcare").count()
    assert f"({count})" in healthcare.get_text()
    assert "growth=very-fast" in healthcare["href"] and "industry=healthcare" in healthcare["href"]


def facet_choice_counts_and_results(client, query: dict) -> list[tuple[str, int, int]]:
    """For each facet choice on the list at `query` that adds a filter (a selected one removes
    its filter instead): its label, the count it shows, and how many occupations its link
    actually lists."""
    page = soup(client.get(reverse("occupation_list"), query))
    found = []
    for link in page.select(".facet__choice:not([aria-current])"):
        shown = int(link.select_one(".facet__count").get_text().strip("()"))
        followed = client.get(reverse("occupation_list") + link["href"])
        found.append((link.get_text(" ", strip=True), shown, followed.context["paginator"].count))
    return found


@pytest.mark.django_db
def test_every_facet_count_is_the_number_of_results_its_link_gives(client, demo):
    """A certification tier counts published pathways only, and counts an occupation even when
    another of its pathways has no certifications."""
    nurse = Occupation.objects.get(slug="registered-nurse")
    uncertified, with_draft = [
        Occupation.objects.create(
            industry=nurse.industry,
            title=title,
            title_plural=f"{title}s",
            slug=slugify(title),
            status=Status.PUBLISHED,
            growth_band=nurse.growth_band,
        )
        for title in ("Sound Imager", "Wound Carer")
    ]
    certification = Certification.objects.first()
    for occupation, status, tier in [
        (uncertified, Status.PUBLISHED, Tier.SPECIALTY),
        (with_draft, Status.DRAFT, Tier.CORE),
    ]:
        pathway = Pathway.objects.create(
            occupation=occupation, title="Test pathway", slug="test-pathway", status=status
        )
        PathwayCertification.objects.create(pathway=pathway, certification=certification, tier=tier)
    Pathway.objects.create(
        occupation=uncertified, title="No certifications", slug="none", status=Status.PUBLISHED
    )

    for query in ({}, {"growth": "very-fast"}, {"tier": "core"}, {"industry": "healthcare"}):
        found = facet_choice_counts_and_results(client, query)
        assert len(found) > 10, query
        assert [(label, shown, listed) for label, shown, listed in found if shown != listed] == []
    specialty = client.get(reverse("occupation_list"), {"tier": "specialty"})
    assert uncertified in specialty.context["paginator"].object_list
    core = client.get(reverse("occupation_list"), {"tier": "core"})
    assert with_draft not in core.context["paginator"].object_list


@pytest.mark.django_db
def test_list_filters_by_tier_tag_and_education_and_sorts(client, demo):
    page = soup(
        client.get(
            reverse("occupation_list"),
            {"education": "Associate's degree", "sort": "growth"},
        )
    )
    expected = (
        Occupation.objects.published()
        .filter(typical_education="Associate's degree")
        .order_by("-projected_change_percent")
        .values_list("title", flat=True)
    )
    assert texts(page, ".occupation-list__title") == list(expected)

    tagged = soup(client.get(reverse("occupation_list"), {"tag": "sonography"}))
    assert texts(tagged, ".occupation-list__title") == ["Diagnostic Medical Sonographer"]


@pytest.mark.django_db
def test_list_paginates_and_keeps_filters_in_the_url(client, demo, settings):
    response = client.get(reverse("occupation_list"), {"sort": "openings"})
    page = soup(response)
    assert len(page.select(".occupation-list__item")) == min(24, Occupation.objects.count())
    assert page.select_one("#sort option[selected]")["value"] == "openings"


@pytest.mark.django_db
def test_list_query_count_does_not_grow(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(reverse("occupation_list"), {"growth": "very-fast", "tier": "core"})


# Compare


@pytest.mark.django_db
def test_compare_shows_up_to_three_side_by_side_with_its_own_url(client, demo):
    slugs = [SONOGRAPHER, "registered-nurse", "electrician", "welder"]
    response = client.get(reverse("compare"), {"o": slugs, "metro": "raleigh"})

    page = soup(response)
    assert texts(page, "table.compare thead th") == [
        "Diagnostic Medical Sonographer",
        "Registered Nurse",
        "Electrician",
    ]
    assert "up to three" in readable_text(page.select_one(".notice"))
    rows = {row.th.get_text(strip=True): row for row in page.select("table.compare tbody tr")}
    assert "Growth rate: Very fast" in readable_text(rows["Growth"])
    assert "Associate's degree" in rows["Typical entry-level education"].get_text()
    certifications = readable_text(rows["Certifications"])
    assert "Core: " in certifications and "Specialty: " in certifications
    assert page.select_one("thead th a")["href"] == occupation_page(metro="raleigh")


@pytest.mark.django_db
def test_add_to_compare_from_the_occupation_page_and_the_list(client, demo):
    occupation = soup(client.get(occupation_page()))
    link = occupation.find("a", string="Compare with other occupations")
    assert link["href"] == f"{reverse('compare')}?o={SONOGRAPHER}&metro=charlotte"

    listing = soup(client.get(reverse("occupation_list")))
    form = listing.select_one("form.compare-form")
    assert form["action"] == reverse("compare") and form["method"] == "get"
    assert len(form.select("input[type=checkbox][name=o]")) == len(
        listing.select(".occupation-list__item")
    )

    compare = soup(client.get(link["href"]))
    add = compare.select_one("form.compare-add")
    assert add.select_one("label[for=add-occupation]").get_text() == "Add an occupation"
    assert add.select_one("input#add-occupation")["name"] == "add"
    assert [(i["name"], i["value"]) for i in add.select("input[type=hidden]")] == [
        ("o", SONOGRAPHER),
        ("metro", "charlotte"),
    ]


@pytest.mark.django_db
def test_compare_adds_an_occupation_by_name(client, demo):
    base = {"o": SONOGRAPHER, "metro": "raleigh"}
    named = client.get(reverse("compare"), {**base, "add": " registered   NURSE "})
    assert named.status_code == 302
    assert (
        named["Location"]
        == f"{reverse('compare')}?o={SONOGRAPHER}&o=registered-nurse&metro=raleigh"
    )

    several = soup(client.get(reverse("compare"), {**base, "add": "technician"}))
    offered = several.select(".compare-matches a")
    expected = [
        r.occupation.title for r in search("technician") if r.occupation.slug != SONOGRAPHER
    ]
    assert len(expected) > 1
    assert [a.get_text() for a in offered] == [f"Add {title}" for title in expected[:10]]
    first = client.get(offered[0]["href"])
    assert texts(soup(first), "table.compare thead th")[1] == expected[0]
    assert several.select_one("#add-occupation")["value"] == "technician"
    assert "type more of the name" not in readable_text(several)

    nothing = soup(client.get(reverse("compare"), {**base, "add": "zzzzqqq"}))
    assert readable_text(nothing.select_one(".compare-matches h2")) == (
        "No occupation matches “zzzzqqq”"
    )
    assert texts(nothing, "table.compare thead th") == ["Diagnostic Medical Sonographer"]

    # Three compared: nothing more to add.
    full = {"o": [SONOGRAPHER, "electrician", "welder"], "add": "nurse"}
    page = client.get(reverse("compare"), full)
    assert page.status_code == 200 and soup(page).select_one("form.compare-add") is None


def published_occupation(title: str, **fields) -> Occupation:
    nurse = Occupation.objects.get(slug="registered-nurse")
    return Occupation.objects.create(
        industry=nurse.industry,
        title=title,
        title_plural=f"{title}s",
        slug=slugify(title),
        status=Status.PUBLISHED,
        **fields,
    )


@pytest.mark.django_db
def test_naming_an_occupation_already_compared_adds_nothing_else(client, demo):
    """The name is the sonographer's, already compared: the page says so, and a weaker match
    (here one whose description names sonographers) is only offered, never added for it."""
    weaker = published_occupation(
        "Echo Imaging Specialist", summary="Works beside diagnostic medical sonographers."
    )
    base = {"o": SONOGRAPHER, "metro": "raleigh"}

    response = client.get(reverse("compare"), {**base, "add": "Diagnostic Medical Sonographer"})

    assert response.status_code == 200
    page = soup(response)
    assert "Diagnostic Medical Sonographer is already in the comparison." in readable_text(page)
    assert texts(page, ".compare-matches a") == [f"Add {weaker.title}"]
    assert texts(page, "table.compare thead th") == ["Diagnostic Medical Sonographer"]

    Occupation.objects.filter(pk=weaker.pk).update(status=Status.DRAFT)
    alone = soup(client.get(reverse("compare"), {**base, "add": "sonographers"}))
    assert readable_text(alone.select_one(".compare-matches h2")) == (
        "Diagnostic Medical Sonographer is already in the comparison"
    )
    assert "No occupation matches" not in readable_text(alone)


@pytest.mark.django_db
def test_compare_offers_the_first_ten_when_a_name_matches_more(client, demo):
    for number in range(1, 13):
        published_occupation(f"Widget Maker {number:02}")

    page = soup(client.get(reverse("compare"), {"o": SONOGRAPHER, "add": "widget maker"}))

    expected = [f"Add Widget Maker {number:02}" for number in range(1, 11)]
    assert texts(page, ".compare-matches a") == expected
    assert "These are the first 10; type more of the name to find others." in readable_text(page)


@pytest.mark.django_db
def test_the_compare_page_stays_small_however_many_occupations_there_are(client, demo):
    """Adding is by name, so the page does not list every occupation to pick from."""
    page = client.get(reverse("compare"), {"o": SONOGRAPHER})
    assert page.content.count(b"<option") == Area.objects.metros().filter(state="NC").count()


@pytest.mark.django_db
def test_compare_ignores_unknown_and_draft_occupations(client, demo):
    Occupation.objects.filter(slug="electrician").update(status=Status.DRAFT)
    page = soup(client.get(reverse("compare"), {"o": [SONOGRAPHER, "electrician", "nope"]}))

    assert texts(page, "table.compare thead th") == ["Diagnostic Medical Sonographer"]
    assert "nope" in page.select_one(".notice").get_text()


# Related occupations


@pytest.mark.django_db
def test_related_occupations_share_tags(client, demo):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    expected = list(
        Occupation.objects.published()
        .sharing_tags_with(occupation)
        .values_list("title", flat=True)[:5]
    )
    assert expected, "the demo's sonographer shares tags with other healthcare jobs"

    page = soup(client.get(occupation_page()))

    assert texts(page, "#related-heading + ul a") == expected


# Search engines and sharing


@pytest.mark.django_db
def test_occupation_page_has_meta_canonical_open_graph_and_json_ld(client, demo):
    page = soup(client.get(occupation_page(metro="raleigh")))

    assert page.title.get_text() == (
        "Diagnostic Medical Sonographer in the Raleigh metro area · careerpaths"
    )
    assert page.select_one("meta[name=description]")["content"].startswith(
        "Diagnostic Medical Sonographers, also known as"
    )
    canonical = page.select_one("link[rel=canonical]")["href"]
    assert canonical == "http://testserver" + occupation_page(metro="raleigh")
    assert page.select_one("meta[property='og:url']")["content"] == canonical
    assert page.select_one("meta[property='og:image']")["content"].endswith(".webp")

    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "Occupation"
    assert data["name"] == "Diagnostic Medical Sonographer"
    assert data["occupationalCategory"]["codeValue"] == "29-2032"
    assert data["occupationLocation"]["name"] == "Raleigh-Cary, NC"
    assert data["educationRequirements"] == "Associate's degree"
    assert "Registered Technologist - Sonography" in data["qualifications"]


@pytest.mark.django_db
def test_canonical_ignores_the_query_string(client, demo):
    page = soup(client.get(occupation_page(), {"utm_source": "x"}))
    assert page.select_one("link[rel=canonical]")["href"].endswith("/charlotte/")


def locations(response) -> list[str]:
    return re.findall(r"<loc>(.*?)</loc>", response.content.decode())


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_and_no_drafts(client, demo):
    Occupation.objects.filter(slug="welder").update(status=Status.DRAFT)
    sections = locations(client.get("/sitemap.xml"))
    assert len(sections) == 4

    urls = set()
    for section in sections:
        urls |= set(locations(client.get(section)))

    metros = list(Area.objects.metros())
    published = Occupation.objects.published()
    for occupation in published:
        for metro in metros:
            assert "http://testserver" + occupation.get_metro_url(metro) in urls
    pathway = Pathway.objects.published().first()
    assert "http://testserver" + pathway.get_metro_url(metros[0]) in urls
    assert not any("/welder/" in url for url in urls)
    assert "http://testserver/industries/healthcare/" in urls
    assert "http://testserver/" in urls


@pytest.mark.django_db
def test_sitemap_pages_are_what_djangos_template_makes_of_them(client, demo):
    """The sitemap writes its URLs out itself, for speed: byte for byte what Django's own
    sitemap view and template give, headers included."""
    for section in SITEMAPS:
        for query in ({}, {"p": 1}):
            ours = client.get(reverse("sitemap_section", args=[section]), query)
            request = RequestFactory().get(f"/sitemap-{section}.xml", query)
            django = sitemap_views.sitemap(request, SITEMAPS, section).render()
            assert ours.status_code == django.status_code == 200
            assert ours.content == django.content, section
            for header in ("Content-Type", "Last-Modified", "X-Robots-Tag"):
                assert ours.get(header) == django.get(header), (section, header)
    assert b"<lastmod>" in client.get("/sitemap-occupations.xml").content


def test_a_sitemap_page_that_does_not_exist_is_a_404(client, db):
    assert client.get("/sitemap-nope.xml").status_code == 404
    assert client.get("/sitemap-industries.xml", {"p": 9}).status_code == 404
    assert client.get("/sitemap-industries.xml", {"p": "x"}).status_code == 404


def test_robots_txt_points_to_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


# Print


@pytest.mark.django_db
def test_occupation_page_prints_as_a_handout(client, demo):
    page = soup(client.get(occupation_page()))

    assert page.select_one("link[rel=stylesheet][media=print]")["href"].endswith("print.css")
    meta = page.select_one(".print-only.print-meta")
    assert "Charlotte-Concord-Gastonia, NC-SC metro area" in meta.get_text()
    assert meta.select_one("[data-print-date]").get_text()
