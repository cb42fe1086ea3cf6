"""Staff roles as Django groups, kept in code so every environment has the same ones.

Counselors add, change and view content; they delete only the small parts that hang off a
pathway (alternate titles, certification links, spotlights, tags on an occupation), never
industries, occupations or areas. Content leads may also delete.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

COUNSELOR = "Counselor"
CONTENT_LEAD = "Content lead"

# (app_label, model): the content models, and which actions each role has on them.
CONTENT_MODELS = [
    ("occupations", "datasource"),
    ("occupations", "industry"),
    ("occupations", "socmajorgroup"),
    ("occupations", "area"),
    ("occupations", "projectionperiod"),
    ("occupations", "growththreshold"),
    ("occupations", "occupation"),
    ("occupations", "taggedoccupation"),
    ("pathways", "certification"),
    ("pathways", "pathway"),
    ("pathways", "alternatetitle"),
    ("pathways", "pathwaycertification"),
    ("pathways", "metrospotlight"),
    ("taggit", "tag"),
]
# Imported data: both roles may look, only the importers write.
IMPORTED_MODELS = [
    ("occupations", "alternateoccupationtitle"),
    ("occupations", "relatedoccupation"),
    ("occupations", "wage"),
    ("occupations", "importrun"),
]
COUNSELOR_MAY_DELETE = {
    ("occupations", "taggedoccupation"),
    ("pathways", "alternatetitle"),
    ("pathways", "pathwaycertification"),
    ("pathways", "metrospotlight"),
}


def _permissions(actions_for) -> list[Permission]:
    wanted = []
    for app_label, model in CONTENT_MODELS:
        wanted += [(app_label, f"{action}_{model}") for action in actions_for(app_label, model)]
    wanted += [(app_label, f"view_{model}") for app_label, model in IMPORTED_MODELS]
    permissions = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted}
    ).select_related("content_type")
    by_key = {(p.content_type.app_label, p.codename): p for p in permissions}
    missing = [key for key in wanted if key not in by_key]
    if missing:
        raise LookupError(f"Permissions not found (run migrate first): {missing}")
    return [by_key[key] for key in wanted]


def ensure_roles() -> dict[str, Group]:
    """Create or reset the staff groups to exactly the permissions above."""
    counselor, _ = Group.objects.get_or_create(name=COUNSELOR)
    counselor.permissions.set(
        _permissions(
            lambda app, model: (
                ["add", "change", "view"]
                + (["delete"] if (app, model) in COUNSELOR_MAY_DELETE else [])
            )
        )
    )
    lead, _ = Group.objects.get_or_create(name=CONTENT_LEAD)
    lead.permissions.set(_permissions(lambda app, model: ["add", "change", "view", "delete"]))
    return {COUNSELOR: counselor, CONTENT_LEAD: lead}
