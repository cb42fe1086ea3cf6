"""The occupation list's filters, sorting and facet counts, all read from the URL's query.

Each facet's counts apply every *other* filter, so a count says how many results that choice
would give from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.http import QueryDict

from occupations.models import GrowthBand, Industry, Occupation, Status
from pathways.models import Tier

SORTS = {
    "title": ("Title (A-Z)", ["title"]),
    "growth": ("Fastest growing", [F("projected_change_percent").desc(nulls_last=True), "title"]),
    "openings": ("Most openings", [F("annual_openings").desc(nulls_last=True), "title"]),
    "wage": ("Highest median pay here", [F("metro_median").desc(nulls_last=True), "title"]),
}

# Median annual pay in the chosen metro, as ranges with counts ("lo-hi", hi exclusive).
WAGE_RANGES = {
    "0-40000": ("Under $40,000", 0, 40000),
    "40000-60000": ("$40,000 to $59,999", 40000, 60000),
    "60000-80000": ("$60,000 to $79,999", 60000, 80000),
    "80000-100000": ("$80,000 to $99,999", 80000, 100000),
    "100000-": ("$100,000 or more", 100000, None),
}


# The tier filter and its facet count certifications of published pathways only.
PUBLISHED_PATHWAYS = Q(pathways__status=Status.PUBLISHED)


def wage_condition(key: str) -> Q:
    _, low, high = WAGE_RANGES[key]
    condition = Q(metro_median__gte=low)
    if high is not None:
        condition &= Q(metro_median__lt=high)
    return condition


@dataclass
class Choice:
    value: str
    label: str
    count: int
    selected: bool
    href: str  # the list with this choice applied (or, when selected, removed)


@dataclass
class Facet:
    name: str
    label: str
    choices: list[Choice] = field(default_factory=list)


@dataclass
class OccupationFilters:
    industry: str = ""
    growth: str = ""
    education: str = ""
    tag: str = ""
    tier: str = ""
    wage: str = ""
    sort: str = "title"
    metro: str = ""  # not a filter: carried along so links keep the visitor's metro

    FACETS = ("industry", "growth", "education", "tag", "tier", "wage")

    @classmethod
    def from_query(cls, query: QueryDict) -> OccupationFilters:
        values = {name: query.get(name, "").strip() for name in (*cls.FACETS, "sort", "metro")}
        if values["sort"] not in SORTS:
            values["sort"] = "title"
        if values["growth"] not in GrowthBand.values:
            values["growth"] = ""
        if values["tier"] not in Tier.values:
            values["tier"] = ""
        if values["wage"] not in WAGE_RANGES:
            values["wage"] = ""
        return cls(**values)

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in self.FACETS)

    def conditions(self, skip: str = "") -> Q:
        """Every active filter but `skip`, as one condition on Occupation."""
        q = Q()
        if self.industry and skip != "industry":
            q &= Q(industry__slug=self.industry)
        if self.growth and skip != "growth":
            q &= Q(growth_band=self.growth)
        if self.education and skip != "education":
            q &= Q(typical_education=self.education)
        if self.tag and skip != "tag":
            q &= Q(tags__slug=self.tag)
        if self.tier and skip != "tier":
            q &= Q(pathways__certifications__tier=self.tier) & PUBLISHED_PATHWAYS
        if self.wage and skip != "wage":
            q &= wage_condition(self.wage)
        return q

    def apply(self, occupations: QuerySet[Occupation]) -> QuerySet[Occupation]:
        return (
            occupations.filter(self.conditions())
            .distinct()
            .order_by(*SORTS[self.sort][1])
            .select_related("industry", "projection_period")
        )

    def facets(self, occupations: QuerySet[Occupation]) -> list[Facet]:
        """Choices with counts for each filter (one query each)."""
        industry_names = dict(Industry.objects.values_list("slug", "name"))
        facets = [
            self._facet(occupations, "industry", "Industry", "industry__slug", industry_names),
            self._facet(
                occupations, "growth", "Growth rate", "growth_band", dict(GrowthBand.choices)
            ),
            self._facet(occupations, "education", "Typical education", "typical_education", None),
            self._facet(
                occupations, "tag", "Interest", "tags__slug", None, label_field="tags__name"
            ),
            self._facet(
                occupations,
                "tier",
                "Certification tier",
                "pathways__certifications__tier",
                dict(Tier.choices),
                where=PUBLISHED_PATHWAYS,
            ),
        ]
        band_order = {band.value: band.sort_key for band in GrowthBand}
        facets[1].choices.sort(key=lambda c: band_order[c.value])
        tier_order = {tier.value: tier.sort_key for tier in Tier}
        facets[4].choices.sort(key=lambda c: tier_order[c.value])
        facets.append(self._wage_facet(occupations))
        return [facet for facet in facets if facet.choices]

    def _wage_facet(self, occupations) -> Facet:
        """Median pay ranges in the metro; `occupations` carry `metro_median`. One query."""
        counts = occupations.filter(self.conditions(skip="wage")).aggregate(
            **{key: Count("id", filter=wage_condition(key), distinct=True) for key in WAGE_RANGES}
        )
        facet = Facet("wage", "Median pay in this metro area")
        for key, (label, _, _) in WAGE_RANGES.items():
            if counts[key]:
                chosen = key == self.wage
                href = self.query(wage="" if chosen else key)
                facet.choices.append(Choice(key, label, counts[key], chosen, href))
        return facet

    def _facet(
        self, occupations, name, label, path, labels, label_field=None, where: Q | None = None
    ) -> Facet:
        """Counts by `path`'s values, among rows that also meet `where` (which must say what the
        filter itself says, e.g. published pathways only, so a count matches its results)."""
        rows = (
            occupations.filter(self.conditions(skip=name))
            # One filter() for both, so the values below are read through the very joins that
            # meet `where`. `> ""` leaves out NULL and "" without a negation, which on a
            # many-valued path would drop an occupation for any one pathway without a value.
            .filter(Q(**{f"{path}__gt": ""}) & (where or Q()))
            .values(path, *([label_field] if label_field else []))
            .annotate(count=Count("id", distinct=True))
            .order_by(label_field or path)
        )
        selected = getattr(self, name)
        facet = Facet(name, label)
        for row in rows:
            value = row[path]
            text = row[label_field] if label_field else (labels or {}).get(value, value)
            chosen = value == selected
            href = self.query(**{name: "" if chosen else value})
            facet.choices.append(Choice(value, text, row["count"], chosen, href))
        return facet

    def params(self, **changes: str) -> dict[str, str]:
        """The active filters and sort, with `changes` applied; defaults left out."""
        values = {key: getattr(self, key) for key in (*self.FACETS, "sort", "metro")} | changes
        return {
            key: value
            for key, value in values.items()
            if value and not (key == "sort" and value == "title")
        }

    def query(self, **changes: str) -> str:
        params = QueryDict(mutable=True)
        params.update(self.params(**changes))
        return f"?{params.urlencode()}"

    def fields_for_metro_picker(self) -> list[tuple[str, str]]:
        """The active filters and sort, for a form that changes only the metro."""
        return [(key, value) for key, value in self.params().items() if key != "metro"]

    def hidden_fields(self) -> list[tuple[str, str]]:
        """The active filters, for a form that changes only the sort."""
        return [(key, value) for key, value in self.params().items() if key != "sort"]
