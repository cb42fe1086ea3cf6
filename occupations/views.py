"""Industry pages, the occupation URL without a metro (which picks one and redirects), and metro
areas: finding the one a page is about, and the list of all of them."""

import re
from urllib.parse import urlencode

from django.db.models import Count, Model, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from careerpaths.cache import by_content_version
from occupations.models import (
    Area,
    AreaKind,
    Industry,
    Occupation,
    ProjectionPeriod,
    Status,
    wages_for_page,
)

_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


def find_metro(slug: str = "") -> tuple[Area, list[Area]]:
    """The metro area called `slug` (the site's default when empty), and the metros of its
    state for the picker; 404 if there is none. One query, or none at all while the shared cache
    holds them for the current content version."""
    _check_slug(slug)
    metros = by_content_version(
        f"metro:{slug}", lambda: list(Area.objects.metro_and_neighbours(slug)) or None
    )
    return _pick(slug, metros or []), metros


def find_metro_with_wages(slug: str, occupation: Occupation) -> tuple[Area, list[Area], list]:
    """`find_metro` for a page about one occupation: also its wages in the metro, the metro's
    state and the nation (`wages_for_page` rows), all in one query."""
    _check_slug(slug)
    areas = list(Area.objects.metro_and_neighbours(slug, wages_of=occupation))
    metros = [area for area in areas if area.kind == AreaKind.METRO]
    metro = _pick(slug, metros)
    return metro, metros, wages_for_page(occupation, metro, areas)


def _check_slug(slug: str) -> None:
    if slug and not _SLUG.fullmatch(slug):
        raise Http404(f"There is no metro area called “{slug}”.")


def _pick(slug: str, metros: list[Area]) -> Area:
    """The metro the page is about among `metros`, or 404."""
    for metro in metros:
        if metro.slug == slug if slug else metro.is_default:
            return metro
    if slug:
        raise Http404(f"There is no metro area called “{slug}”.")
    raise Http404("No metro area has been set up yet.")


def metro_from_query(request: HttpRequest) -> Area:
    """The metro named by ?metro=, else the site's default; unknown names are a 404."""
    return find_metro(request.GET.get("metro", "").strip())[0]


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


def link_for_metro(next_url: str, slug: str) -> str:
    """`next_url` with ?metro= set to `slug` (other parameters kept)."""
    path, _, query = next_url.partition("?")
    params = QueryDict(query, mutable=True)
    params["metro"] = slug
    return f"{path}?{params.urlencode()}"


@require_safe
def metro_list(request: HttpRequest) -> HttpResponse:
    """Every metro area by state, each a link to `?next=` (a page of this site) for that
    metro: the whole list, which the pages' pickers (the metros of one state) leave out."""
    next_url = request.GET.get("next", "")
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(next_url, None):
        next_url = reverse("home")
    areas = Area.objects.filter(kind__in=[AreaKind.STATE, AreaKind.METRO]).only(
        "kind", "name", "slug", "state"
    )
    states = {area.state: area.name for area in areas if area.kind == AreaKind.STATE}
    groups: dict[str, list[tuple[Area, str]]] = {}
    for area in areas:
        if area.kind == AreaKind.METRO:
            state = states.get(area.state, area.state) or "Other metro areas"
            groups.setdefault(state, []).append((area, link_for_metro(next_url, area.slug)))
    return render(
        request,
        "occupations/metro_list.html",
        {
            "groups": sorted(groups.items()),
            "back": next_url,
            "page_title": "Choose your metro area",
        },
    )


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
        context.update(
            period=period,
            bands=period.bands() if period else [],
            page_title="Growth rates",
            page_description="What the growth-rate badges mean: how fast employment in an "
            "occupation is projected to change.",
        )
        return context
