"""Staff roles as Django groups, kept in code so every environment has the same ones.

Counselors add, change and view content; they delete only the small parts that hang off a
pathway (alternate titles, certification links, spotlights, tags on an occupation), never
industries, occupations, pathways or areas, and they cannot publish. Content leads may also
delete and publish. Neither role reaches users, groups, permissions or anything else that is not
content.

`migrate` creates or resets both groups (a post_migrate hook, see `apps.py`); so does
`manage.py setup_roles`.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS

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
# Publishing and unpublishing (the admin actions, and the status field) need these.
PUBLISH_PERMISSIONS = [
    ("occupations", "publish_occupation"),
    ("pathways", "publish_pathway"),
]


# Imported data (wages, O*NET titles, import runs) is read-only for both roles.
IMPORTED_VIEW_PERMISSIONS = [(app, f"view_{model}") for app, model in IMPORTED_MODELS]


def _permissions(wanted: list[tuple[str, str]], using: str) -> list[Permission]:
    permissions = (
        Permission.objects.using(using)
        .filter(content_type__app_label__in={app for app, _ in wanted})
        .select_related("content_type")
    )
    by_key = {(p.content_type.app_label, p.codename): p for p in permissions}
    missing = [key for key in wanted if key not in by_key]
    if missing:
        raise LookupError(f"Permissions not found (run migrate first): {missing}")
    return [by_key[key] for key in wanted]


def counselor_permissions() -> list[tuple[str, str]]:
    wanted = []
    for app, model in CONTENT_MODELS:
        actions = ["add", "change", "view"]
        if (app, model) in COUNSELOR_MAY_DELETE:
            actions.append("delete")
        wanted += [(app, f"{action}_{model}") for action in actions]
    return wanted + IMPORTED_VIEW_PERMISSIONS


def content_lead_permissions() -> list[tuple[str, str]]:
    wanted = [
        (app, f"{action}_{model}")
        for app, model in CONTENT_MODELS
        for action in ["add", "change", "view", "delete"]
    ]
    return wanted + IMPORTED_VIEW_PERMISSIONS + PUBLISH_PERMISSIONS


def ensure_roles(using: str = DEFAULT_DB_ALIAS) -> dict[str, Group]:
    """Create or reset the staff groups to exactly the permissions above."""
    groups = {}
    for name, wanted in [
        (COUNSELOR, counselor_permissions()),
        (CONTENT_LEAD, content_lead_permissions()),
    ]:
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(_permissions(wanted, using))
        groups[name] = group
    return groups


def create_roles_after_migrate(using: str = DEFAULT_DB_ALIAS, verbosity: int = 1, **kwargs):
    """post_migrate hook: every migrated database has both groups."""
    try:
        ensure_roles(using)
    except LookupError as error:  # e.g. migrating an app backwards
        if verbosity:
            print(f"Staff groups not updated: {error}")
