"""Industry pages, and the occupation URL without a metro (which picks one and redirects)."""

from urllib.parse import urlencode

from django.db.models import Count, Model, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from occupations.models import Area, Industry, Occupation, ProjectionPeriod, Status


def metro_from_query(request: HttpRequest) -> Area:
    """The metro named by ?metro=, else the site's default; unknown names are a 404."""
    slug = request.GET.get("metro", "").strip()
    if slug:
        try:
            return Area.objects.metros().get(slug=slug)
        except Area.DoesNotExist:
            raise Http404(f"There is no metro area called “{slug}”.") from None
    metro = Area.objects.default_metro()
    if metro is None:
        raise Http404("No metro area has been set up yet.")
    return metro


def may_preview(request: HttpRequest, model: type[Model]) -> bool:
    """Staff who may view `model` in the admin may see its drafts on the site."""
    user = request.user
    opts = model._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )


def preview_requested(request: HttpRequest, *objects: Model) -> bool:
    """Whether this page is a staff preview: it shows a draft, or ?preview asks for the drafts
    under a published object. Raises 404 for a draft that the visitor may not see.

    Only then is the visitor looked at, so published pages stay the same for everyone (and
    send no `Vary: Cookie`)."""
    drafts = [obj for obj in objects if obj.is_draft]
    if not drafts and "preview" not in request.GET:
        return False
    allowed = all(may_preview(request, type(obj)) for obj in objects)
    if drafts and not allowed:
        raise Http404("No such page.")
    return allowed


def never_cache_preview(response: HttpResponse) -> HttpResponse:
    """A preview must never be stored by a browser or a shared cache."""
    add_never_cache_headers(response)
    return response


def with_preview(url: str, preview: bool) -> str:
    return f"{url}?{urlencode({'preview': 1})}" if preview else url


@require_safe
def occupation_metro_redirect(request: HttpRequest, slug: str) -> HttpResponseRedirect:
    """/occupations/<slug>/ (and the no-JavaScript metro picker) lead to the metro's own URL."""
    occupation = get_object_or_404(Occupation, slug=slug)
    preview = preview_requested(request, occupation)
    url = with_preview(occupation.get_metro_url(metro_from_query(request)), preview)
    response = HttpResponseRedirect(url)
    return never_cache_preview(response) if preview else response


def occupation_breadcrumb(occupation: Occupation, metro: Area) -> list[tuple[str, str]]:
    """Industries > <industry>, with the metro carried along so it is not lost."""
    query = f"?metro={metro.slug}"
    return [
        ("Industries", reverse("industry_list") + query),
        (occupation.industry.name, occupation.industry.get_absolute_url() + query),
    ]


class IndustryListView(ListView):
    template_name = "occupations/industry_list.html"
    context_object_name = "industries"

    def get_queryset(self):
        return Industry.objects.annotate(
            occupation_count=Count("occupations", filter=Q(occupations__status=Status.PUBLISHED))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["metro_query"] = self.request.GET.get("metro", "")
        context["page_title"] = "Industries"
        context["page_description"] = (
            "Browse occupations by industry, with how fast each is growing."
        )
        return context


class IndustryDetailView(DetailView):
    template_name = "occupations/industry_detail.html"
    context_object_name = "industry"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["metro"] = metro_from_query(self.request)
        context["breadcrumb"] = [
            ("Industries", reverse("industry_list") + f"?metro={context['metro'].slug}"),
            (self.object.name, None),
        ]
        context["page_title"] = f"{self.object.name} occupations"
        context["page_description"] = self.object.description or context["page_title"]
        return context

    def get_queryset(self):
        return Industry.objects.prefetch_related(
            Prefetch(
                "occupations",
                queryset=Occupation.objects.published().select_related("projection_period"),
                to_attr="published_occupations",
            )
        )


class GrowthBandsView(TemplateView):
    """What each growth-rate band means in the latest projection period, with its cut-offs
    (data that staff edit per period, not constants)."""

    template_name = "occupations/growth_bands.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = (
            ProjectionPeriod.objects.select_related("source").prefetch_related("thresholds").first()
        )
        context.update(period=period, bands=period.bands() if period else [])
        return context
