"""Review: when an occupation's text was last checked and by whom, what is overdue, and marking
it reviewed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from occupations.models import Occupation, review_cutoff
from tests.html import form_data, readable_text, soup, texts

SONOGRAPHER = "diagnostic-medical-sonographer"


def change_page(client, occupation):
    return soup(client.get(reverse("admin:occupations_occupation_change", args=[occupation.pk])))


@pytest.mark.django_db
def test_change_form_says_when_and_by_whom(client, demo, alice):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    client.force_login(alice)
    review = change_page(client, occupation).select_one(".field-review_summary")
    assert "Last reviewed 15 September 2025 (reviewer not recorded)" in readable_text(review)

    alice.first_name, alice.last_name = "Alice", "Adams"
    alice.save()
    Occupation.objects.filter(pk=occupation.pk).update(
        last_reviewed=date(2026, 1, 5), reviewed_by=alice
    )
    review = change_page(client, occupation).select_one(".field-review_summary")
    assert "Last reviewed 5 January 2026 by Alice Adams" in readable_text(review)


@pytest.mark.django_db
def test_review_filter_lists_what_was_not_reviewed_in_the_last_12_months(client, demo, alice):
    today = timezone.localdate()
    Occupation.objects.update(last_reviewed=today - timedelta(days=30))
    stale = Occupation.objects.order_by("title")[0]
    never = Occupation.objects.order_by("title")[1]
    Occupation.objects.filter(pk=stale.pk).update(last_reviewed=today - timedelta(days=400))
    Occupation.objects.filter(pk=never.pk).update(last_reviewed=None)
    client.force_login(alice)
    url = reverse("admin:occupations_occupation_changelist")

    page = soup(client.get(url, {"review": "overdue"}))

    assert sorted(texts(page, "#result_list tbody th a")) == sorted([stale.title, never.title])
    recent = soup(client.get(url, {"review": "recent"}))
    assert len(texts(recent, "#result_list tbody th a")) == Occupation.objects.count() - 2
    assert "Not reviewed in the last 12 months" in readable_text(
        page.select_one("#changelist-filter")
    )


def test_twelve_months_ago_is_the_same_day_last_year():
    assert review_cutoff(date(2026, 3, 10)) == date(2025, 3, 10)
    assert review_cutoff(date(2028, 2, 29)) == date(2027, 2, 28)


@pytest.mark.django_db
def test_counselor_marks_occupations_reviewed_with_the_action(client, demo, alice):
    chosen = list(Occupation.objects.order_by("title")[:2])
    client.force_login(alice)

    response = client.post(
        reverse("admin:occupations_occupation_changelist"),
        {
            "action": "mark_reviewed_action",
            "_selected_action": [o.pk for o in chosen],
            "index": "0",
        },
        follow=True,
    )

    assert "Marked 2 occupations as reviewed today by alice." in response.content.decode()
    for occupation in chosen:
        occupation = Occupation.objects.get(pk=occupation.pk)
        assert occupation.last_reviewed == timezone.localdate()
        assert occupation.reviewed_by == alice
        record = occupation.history.latest()
        assert (record.history_user, record.history_change_reason) == (alice, "Marked reviewed")
    others = Occupation.objects.exclude(pk__in=[o.pk for o in chosen])
    assert not others.filter(reviewed_by=alice).exists()


@pytest.mark.django_db
def test_counselor_marks_reviewed_while_editing(client, demo, alice):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    client.force_login(alice)
    url = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    data = form_data(soup(client.get(url)), "#content-main form")
    assert "last_reviewed" not in data  # set by the checkbox, not typed
    data["mark_reviewed"] = "on"

    assert client.post(url, data).status_code == 302

    occupation.refresh_from_db()
    assert (occupation.last_reviewed, occupation.reviewed_by) == (timezone.localdate(), alice)


@pytest.mark.django_db
def test_saving_without_the_checkbox_keeps_the_last_review(client, demo, alice):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    client.force_login(alice)
    url = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    data = form_data(soup(client.get(url)), "#content-main form")
    data["summary"] = "Edited."

    client.post(url, data)

    assert Occupation.objects.get(pk=occupation.pk).last_reviewed == date(2025, 9, 15)


@pytest.mark.django_db
def test_public_page_says_when_the_text_was_reviewed(client, demo):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    from occupations.models import Area

    page = soup(client.get(occupation.get_metro_url(Area.objects.default_metro())))

    note = page.select_one(".occupation__reviewed")
    assert note.get_text(" ", strip=True) == "Reviewed September 2025"
    assert note.select_one("time")["datetime"] == "2025-09-15"
