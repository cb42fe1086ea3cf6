"""Admin for industries, occupations, areas, growth bands and data sources.

Pathways are edited inline under their occupation; `pathways.admin` registers that inline here
(occupations must not import pathways). Every content admin keeps history (django-simple-history:
the "History" button lists who changed what, with the previous values, and can restore a version).
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from occupations.models import (
    WAGE_FIGURES,
    AlternateOccupationTitle,
    Area,
    DataSource,
    GrowthThreshold,
    ImportRun,
    Industry,
    Occupation,
    ProjectionPeriod,
    RelatedOccupation,
    SocMajorGroup,
    Status,
    TitleSource,
    Wage,
)


def may_publish(request, model) -> bool:
    opts = model._meta
    return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


class PublishingAdmin(SimpleHistoryAdmin):
    """Draft/published content: only users with the model's publish permission (content leads)
    change `status`, here or with the Publish and Unpublish actions. For everyone else the field
    is read-only and what they add is a draft, whatever the request says (restoring an old
    version included)."""

    actions = ["publish", "unpublish"]

    def has_publish_permission(self, request) -> bool:
        return may_publish(request, self.model)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("status")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and not self.has_publish_permission(request):

            class AddedAsDraft(form):
                def __init__(self, *args, **kwargs):
                    super().__init__(*args, **kwargs)
                    self.instance.status = Status.DRAFT  # what the read-only field shows

            return AddedAsDraft
        return form

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            stored = None
            if obj.pk is not None:
                stored = (
                    type(obj).objects.filter(pk=obj.pk).values_list("status", flat=True).first()
                )
            obj.status = stored or Status.DRAFT
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status: str, verb: str) -> None:
        changed = 0
        for obj in queryset.exclude(status=status):
            obj.status = status
            obj._history_user = request.user
            obj._change_reason = verb
            obj.save()
            changed += 1
        opts = self.model._meta
        name = opts.verbose_name if changed == 1 else opts.verbose_name_plural
        self.message_user(request, f"{verb} {changed} {name}.", messages.SUCCESS)

    @admin.action(permissions=["publish"], description="Publish selected %(verbose_name_plural)s")
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED, "Published")

    @admin.action(
        permissions=["publish"], description="Unpublish selected %(verbose_name_plural)s (draft)"
    )
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT, "Unpublished")


class PublishingInlineMixin:
    """The inline counterpart of PublishingAdmin: `status` is read-only without the publish
    permission, and rows added then are drafts."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not may_publish(request, self.model):
            fields.append("status")
        return fields

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if not may_publish(request, self.model):

            class NewRowsAreDrafts(formset.form):
                def __init__(self, *args, **kwargs):
                    super().__init__(*args, **kwargs)
                    if self.instance._state.adding:
                        self.instance.status = Status.DRAFT  # shown read-only

                def save(self, commit=True):
                    if self.instance._state.adding:
                        self.instance.status = Status.DRAFT
                    return super().save(commit)

            formset.form = NewRowsAreDrafts
        return formset


def default_metro_url(obj) -> str:
    """The object's page for the site's default metro (the preview, for a draft)."""
    metro = Area.objects.default_metro()
    return obj.get_metro_url(metro) if metro else obj.get_absolute_url()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Imported data: staff look, the importers write."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DataSource)
class DataSourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "vintage", "url"]
    search_fields = ["name", "slug", "url"]
    prepopulated_fields = {"slug": ["name"]}


class SocMajorGroupInline(admin.TabularInline):
    model = SocMajorGroup
    extra = 0
    fields = ["code", "title"]


@admin.register(Industry)
class IndustryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "occupation_count"]
    ordering = ["name"]  # the count annotation drops Meta.ordering (autocomplete pages need one)
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SocMajorGroupInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_occupation_count=Count("occupations"))

    @admin.display(description="occupations", ordering="_occupation_count")
    def occupation_count(self, industry: Industry) -> int:
        return industry._occupation_count


@admin.register(SocMajorGroup)
class SocMajorGroupAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "industry"]
    list_filter = ["industry"]
    search_fields = ["code", "title"]
    list_select_related = ["industry"]


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "code", "state", "is_default"]
    list_filter = ["kind", "is_default", "state"]
    search_fields = ["name", "short_name", "code", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}


class GrowthThresholdInline(admin.TabularInline):
    model = GrowthThreshold
    extra = 0
    fields = ["band", "min_percent", "explanation"]


@admin.register(ProjectionPeriod)
class ProjectionPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["name", "start_year", "end_year", "source", "average_change_percent"]
    inlines = [GrowthThresholdInline]

    def save_related(self, request, form, formsets, change):
        """Edited thresholds re-band every occupation projected in this period."""
        super().save_related(request, form, formsets, change)
        changed = form.instance.reapply_bands(user=request.user)
        if changed:
            self.message_user(request, f"Growth bands updated on {changed} occupation(s).")


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Not reviewed in the last 12 months"),
            ("recent", "Reviewed in the last 12 months"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "recent":
            return queryset.exclude(pk__in=queryset.review_overdue().values("pk"))
        return queryset


class OccupationAdminForm(forms.ModelForm):
    mark_reviewed = forms.BooleanField(
        label="I have reviewed this page",
        required=False,
        help_text="Tick when you have checked that everything on the page is still true: "
        "saving records today's date and your name.",
    )

    class Meta:
        model = Occupation
        fields: list[str] = []  # OccupationAdmin.fieldsets choose them
        widgets = {"spotlight_image_alt": forms.Textarea(attrs={"rows": 3})}


def reviewer_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


@admin.register(Occupation)
class OccupationAdmin(PublishingAdmin):
    form = OccupationAdminForm
    list_display = [
        "title",
        "industry",
        "soc_code",
        "growth_band",
        "status",
        "last_reviewed",
        "reviewed_by",
    ]
    list_filter = ["status", ReviewFilter, "industry", "growth_band", "tags"]
    search_fields = [
        "title",
        "title_plural",
        "soc_code",
        "onet_code",
        "summary",
        "alternate_titles__title",
    ]
    list_select_related = ["industry", "reviewed_by"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["industry", "more_info_source"]
    actions = [*PublishingAdmin.actions, "mark_reviewed_action"]
    readonly_fields = [
        "spotlight_preview",
        "review_summary",
        "provenance",
        "onet_code",
        "onet_release",
        "onet_description",
        "job_zone",
        "projection_period",
        "projected_change_percent",
        "employment_base",
        "employment_projected",
        "annual_openings",
        "typical_education",
        "created",
        "updated",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_plural",
                    "slug",
                    "industry",
                    "soc_code",
                    "status",
                    "summary",
                    "tags",
                ]
            },
        ),
        (
            "Spotlight image",
            {"fields": ["spotlight_preview", "spotlight_image", "spotlight_image_alt"]},
        ),
        (
            "Growth",
            {
                "fields": ["growth_band", "projection_period", "projected_change_percent"],
                "description": "The band is set from the BLS projection when one is imported; "
                "set it by hand only for occupations without a SOC code.",
            },
        ),
        ("More information", {"fields": ["more_info_url", "more_info_source"]}),
        ("Review", {"fields": ["review_summary", "mark_reviewed"]}),
        (
            "Imported data (read only)",
            {
                "classes": ["collapse"],
                "description": "Filled from the public files by the importers (import_onet, "
                "import_projections, import_oews); the next import replaces them. The fields "
                "above are the counselors': imports set them only when they create an "
                "occupation and never change them afterwards.",
                "fields": [
                    "provenance",
                    "onet_code",
                    "onet_release",
                    "onet_description",
                    "job_zone",
                    "employment_base",
                    "employment_projected",
                    "annual_openings",
                    "typical_education",
                    "created",
                    "updated",
                ],
            },
        ),
    ]
    inlines: list = []  # pathways.admin adds PathwayInline

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def view_on_site(self, occupation: Occupation) -> str:
        return default_metro_url(occupation)

    @admin.display(description="preview")
    def spotlight_preview(self, occupation: Occupation) -> str:
        if not occupation or not occupation.spotlight_image:
            return "No image yet."
        return format_html(
            '<img src="{}" alt="{}" width="240" style="height:auto;border-radius:6px">',
            occupation.spotlight_thumbnail_url,
            occupation.spotlight_image_alt,
        )

    @admin.display(description="review")
    def review_summary(self, occupation: Occupation) -> str:
        if not occupation or not occupation.last_reviewed:
            return "Never reviewed."
        when = date_format(occupation.last_reviewed, "j F Y")
        if occupation.reviewed_by:
            return f"Last reviewed {when} by {reviewer_name(occupation.reviewed_by)}"
        return f"Last reviewed {when} (reviewer not recorded)"

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("mark_reviewed"):
            obj.last_reviewed = timezone.localdate()
            obj.reviewed_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(permissions=["change"], description="Mark selected occupations as reviewed today")
    def mark_reviewed_action(self, request, queryset):
        today = timezone.localdate()
        count = 0
        for occupation in queryset:
            occupation.last_reviewed = today
            occupation.reviewed_by = request.user
            occupation._history_user = request.user
            occupation._change_reason = "Marked reviewed"
            occupation.save()
            count += 1
        self.message_user(
            request,
            f"Marked {count} occupation{'s' if count != 1 else ''} as reviewed today "
            f"by {reviewer_name(request.user)}.",
            messages.SUCCESS,
        )

    @admin.display(description="where the imported data comes from")
    def provenance(self, occupation: Occupation) -> str:
        if occupation.pk is None:
            return "Nothing imported yet."
        lines = []
        titles = dict(
            occupation.alternate_titles.values_list("source")
            .annotate(n=Count("pk"))
            .values_list("source", "n")
        )
        titles_url = reverse("admin:occupations_alternateoccupationtitle_changelist")
        titles_url += f"?occupation__id__exact={occupation.pk}"
        onet_titles = sum(titles.get(source, 0) for source in TitleSource.onet())
        if occupation.onet_release:
            related = occupation.related_links.count()
            related_url = reverse("admin:occupations_relatedoccupation_changelist")
            lines.append(
                format_html(
                    "<strong>O*NET {}</strong>: O*NET-SOC code, O*NET description, job zone, "
                    '<a href="{}">{} alternate titles</a>, '
                    '<a href="{}?occupation__id__exact={}">{} related occupations</a>.',
                    occupation.onet_release,
                    titles_url,
                    onet_titles,
                    related_url,
                    occupation.pk,
                    related,
                )
            )
        if occupation.projection_period_id:
            period = occupation.projection_period
            lines.append(
                format_html(
                    "<strong>{} {}</strong>: growth band, projected change, employment {} and "
                    "{}, openings a year, typical entry-level education, "
                    '<a href="{}">{} example titles</a>.',
                    period.source.name,
                    period.name,
                    period.start_year,
                    period.end_year,
                    titles_url,
                    titles.get(TitleSource.BLS_EXAMPLE, 0),
                )
            )
        wages_url = reverse("admin:occupations_wage_changelist")
        for vintage, count in (
            occupation.wages.values_list("vintage")
            .annotate(n=Count("pk"))
            .values_list("vintage", "n")
        ):
            lines.append(
                format_html(
                    '<strong>BLS OEWS {}</strong>: <a href="{}?occupation__id__exact={}">wages '
                    "and employment in {} areas</a>.",
                    vintage,
                    wages_url,
                    occupation.pk,
                    count,
                )
            )
        if not lines:
            return "Nothing imported yet."
        return format_html_join("", "<p>{}</p>", ((line,) for line in lines))


@admin.register(AlternateOccupationTitle)
class AlternateOccupationTitleAdmin(ReadOnlyAdmin):
    list_display = ["title", "occupation", "source"]
    list_filter = ["source"]
    search_fields = ["title", "occupation__title", "occupation__soc_code"]
    list_select_related = ["occupation"]


@admin.register(RelatedOccupation)
class RelatedOccupationAdmin(ReadOnlyAdmin):
    list_display = ["occupation", "position", "related", "tier"]
    list_filter = ["tier"]
    search_fields = ["occupation__title", "related__title", "occupation__soc_code"]
    list_select_related = ["occupation", "related"]


@admin.register(Wage)
class WageAdmin(ReadOnlyAdmin):
    list_display = ["occupation", "area", "annual_median_text", "employment_text", "vintage"]
    list_filter = ["vintage", "area__kind"]
    search_fields = ["occupation__title", "occupation__soc_code", "area__name", "area__code"]
    list_select_related = ["occupation", "area"]
    show_full_result_count = False
    fields = ["occupation", "area", "vintage", *WAGE_FIGURES, "top_coded"]

    @admin.display(description="annual median")
    def annual_median_text(self, wage: Wage) -> str:
        return wage.text("annual_median")

    @admin.display(description="employment")
    def employment_text(self, wage: Wage) -> str:
        return wage.text("employment")


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ["started", "importer", "vintage", "path", "short_sha256"]
    list_filter = ["importer", "vintage"]
    fields = ["importer", "path", "sha256", "source", "vintage", "started", "finished", "counts"]

    @admin.display(description="SHA-256")
    def short_sha256(self, run: ImportRun) -> str:
        return run.sha256[:12]

    @admin.display(description="what it did")
    def counts(self, run: ImportRun) -> str:
        return format_html("<pre>{}</pre>", json.dumps(run.summary, indent=2))
