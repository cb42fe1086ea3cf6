"""Industry pages, and the occupation URL without a metro (which picks one and redirects)."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
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


def occupation_metro_redirect(request: HttpRequest, slug: str) -> HttpResponseRedirect:
    """/occupations/<slug>/ (and the no-JavaScript metro picker) lead to the metro's own URL."""
    occupation = get_object_or_404(Occupation.objects.published(), slug=slug)
    return HttpResponseRedirect(occupation.get_metro_url(metro_from_query(request)))


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
