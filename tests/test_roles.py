"""Who may do what in the admin: a counselor (alice), a content lead (bob), a superuser (charlie)
and an anonymous visitor."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from occupations.models import Area, Industry, Occupation, Status
from occupations.roles import CONTENT_LEAD, COUNSELOR
from pathways.models import MetroSpotlight, Pathway
from tests.html import soup

CONTENT_ADMIN_MODELS = {
    "occupations.area",
    "occupations.datasource",
    "occupations.industry",
    "occupations.occupation",
    "occupations.projectionperiod",
    "occupations.socmajorgroup",
    "pathways.certification",
    "pathways.metrospotlight",
    "pathways.pathway",
    "taggit.tag",
}
# Imported data: counselors may look (read-only admins), never change.
IMPORTED_ADMIN_MODELS = {
    "occupations.alternateoccupationtitle",
    "occupations.importrun",
    "occupations.relatedoccupation",
    "occupations.wage",
}


def admin_index_models(client) -> set[str]:
    """app_label.model of every model the admin index links to."""
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    models = set()
    for link in soup(response).select("#content-main a[href]"):
        parts = link["href"].strip("/").split("/")
        if len(parts) == 3 and parts[0] == "admin":
            models.add(f"{parts[1]}.{parts[2]}")
    return models


@pytest.mark.django_db
def test_migrate_alone_creates_both_groups_with_their_permissions(db):
    Group.objects.filter(name__in=[COUNSELOR, CONTENT_LEAD]).delete()

    call_command("migrate", verbosity=0)

    counselor = Group.objects.get(name=COUNSELOR)
    lead = Group.objects.get(name=CONTENT_LEAD)
    assert counselor.permissions.filter(codename="change_occupation").exists()
    assert not counselor.permissions.filter(codename__startswith="publish_").exists()
    assert set(
        lead.permissions.filter(codename__startswith="publish_").values_list("codename", flat=True)
    ) == {"publish_occupation", "publish_pathway"}


@pytest.mark.django_db
def test_setup_roles_resets_a_group_that_was_edited_by_hand(roles):
    counselor = roles[COUNSELOR]
    counselor.permissions.add(
        *Group.objects.get(name=CONTENT_LEAD).permissions.filter(codename="delete_industry")
    )

    call_command("setup_roles", verbosity=0)

    assert not counselor.permissions.filter(codename="delete_industry").exists()


@pytest.mark.django_db
def test_neither_role_has_any_permission_outside_content(roles):
    for group in roles.values():
        apps = set(group.permissions.values_list("content_type__app_label", flat=True))
        assert apps <= {"occupations", "pathways", "taggit"}, group
        models = set(group.permissions.values_list("content_type__model", flat=True))
        assert not any(model.startswith("historical") for model in models), group


@pytest.mark.django_db
def test_counselor_sees_only_content_in_the_admin(client, demo, alice):
    client.force_login(alice)

    assert admin_index_models(client) == CONTENT_ADMIN_MODELS | IMPORTED_ADMIN_MODELS
    for model in IMPORTED_ADMIN_MODELS:
        app, name = model.split(".")
        assert client.get(reverse(f"admin:{app}_{name}_add")).status_code == 403, model


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "admin:auth_user_changelist",
        "admin:auth_user_add",
        "admin:auth_group_changelist",
        "admin:auth_group_add",
    ],
)
def test_counselor_and_content_lead_cannot_manage_users_or_groups(
    client, demo, alice, bob, url_name
):
    for user in (alice, bob):
        client.force_login(user)
        assert client.get(reverse(url_name)).status_code == 403, user
    client.force_login(alice)
    assert client.get(reverse("admin:auth_user_change", args=[alice.pk])).status_code == 403
    group = Group.objects.get(name=COUNSELOR)
    assert client.get(reverse("admin:auth_group_change", args=[group.pk])).status_code == 403


@pytest.mark.django_db
def test_counselor_cannot_make_herself_a_superuser(client, demo, alice):
    client.force_login(alice)

    response = client.post(
        reverse("admin:auth_user_change", args=[alice.pk]),
        {"username": "alice", "is_superuser": "on", "is_staff": "on"},
    )

    assert response.status_code == 403
    alice.refresh_from_db()
    assert not alice.is_superuser


@pytest.mark.django_db
def test_counselor_cannot_delete_industries_areas_occupations_or_pathways(client, demo, alice):
    client.force_login(alice)
    targets = [
        ("occupations_industry", Industry.objects.get(slug="healthcare")),
        ("occupations_area", Area.objects.get(slug="charlotte")),
        ("occupations_occupation", Occupation.objects.first()),
        ("pathways_pathway", Pathway.objects.first()),
    ]
    for name, obj in targets:
        url = reverse(f"admin:{name}_delete", args=[obj.pk])
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"post": "yes"}).status_code == 403, name
        assert type(obj).objects.filter(pk=obj.pk).exists(), name
    # Nor through the changelist's bulk action: it is not offered.
    response = client.post(
        reverse("admin:occupations_industry_changelist"),
        {"action": "delete_selected", "_selected_action": [targets[0][1].pk], "post": "yes"},
    )
    assert Industry.objects.filter(slug="healthcare").exists()
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_counselor_may_remove_a_spotlight(client, demo, alice):
    client.force_login(alice)
    spotlight = MetroSpotlight.objects.first()

    response = client.post(
        reverse("admin:pathways_metrospotlight_delete", args=[spotlight.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not MetroSpotlight.objects.filter(pk=spotlight.pk).exists()


@pytest.mark.django_db
def test_content_lead_may_delete_an_industry_and_an_area(client, demo, bob):
    client.force_login(bob)
    industry = Industry.objects.create(name="Hospitality", slug="hospitality")
    area = Area.objects.create(
        name="Asheville, NC", short_name="Asheville", slug="asheville", code="11700"
    )

    for name, obj in [("occupations_industry", industry), ("occupations_area", area)]:
        response = client.post(reverse(f"admin:{name}_delete", args=[obj.pk]), {"post": "yes"})
        assert response.status_code == 302, name
        assert not type(obj).objects.filter(pk=obj.pk).exists(), name


@pytest.mark.django_db
def test_publish_actions_are_offered_to_content_leads_only(client, demo, alice, bob, charlie):
    url = reverse("admin:occupations_occupation_changelist")

    def actions(user) -> set[str]:
        client.force_login(user)
        page = soup(client.get(url))
        return {option["value"] for option in page.select("select[name=action] option")}

    assert "publish" not in actions(alice)
    assert "unpublish" not in actions(alice)
    assert "mark_reviewed_action" in actions(alice)
    assert {"publish", "unpublish", "mark_reviewed_action"} <= actions(bob)
    assert {"publish", "unpublish"} <= actions(charlie)


@pytest.mark.django_db
def test_superuser_manages_users_and_groups(client, demo, charlie):
    client.force_login(charlie)

    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 200
    assert {"auth.user", "auth.group"} <= admin_index_models(client)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/occupations/occupation/",
        "/admin/pathways/pathway/1/change/",
        "/admin/auth/user/",
        "/admin/occupations/occupation/1/history/",
    ],
)
def test_anonymous_visitors_are_sent_to_the_sign_in_page(client, demo, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_counselor_cannot_publish_by_posting_the_action_anyway(client, demo, alice):
    client.force_login(alice)
    occupation = Occupation.objects.first()
    Occupation.objects.filter(pk=occupation.pk).update(status=Status.DRAFT)

    client.post(
        reverse("admin:occupations_occupation_changelist"),
        {"action": "publish", "_selected_action": [occupation.pk], "index": "0"},
    )

    occupation.refresh_from_db()
    assert occupation.status == Status.DRAFT
