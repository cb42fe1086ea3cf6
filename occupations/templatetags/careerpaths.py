"""Small filters for building sentences from data, and the small pieces pages repeat.

The pieces (growth badge, star rating) are simple tags rather than `{% include %}`s: lists
repeat them for every item, and a tag costs a fraction of an included template.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from occupations.models import percent_number

register = template.Library()


@register.filter
def join_or(items) -> str:
    """["A", "B", "C"] -> "A, B, or C"; ["A", "B"] -> "A or B"; ["A"] -> "A"."""
    words = [str(item) for item in items]
    if len(words) <= 2:
        return " or ".join(words)
    return f"{', '.join(words[:-1])}, or {words[-1]}"


@register.filter
def in_sentence(title: str) -> str:
    """A job title as it reads inside a sentence: "Diagnostic Medical Sonographer" ->
    "diagnostic medical sonographer", while acronyms stay ("CNC Machinist" -> "CNC machinist")."""
    return " ".join(
        word if sum(ch.isupper() for ch in word) > 1 else word.lower()
        for word in str(title).split()
    )


@register.filter
def signed_percent(value) -> str:
    """13 -> "+13%", -2.5 -> "-2.5%" (the sign is always written)."""
    if value is None:
        return ""
    number = percent_number(value)
    return f"+{number}%" if value > 0 else f"{number}%"


@register.filter
def occupation_url(occupation, metro) -> str:
    return occupation.get_metro_url(metro)


@register.filter
def pathway_url(pathway, metro) -> str:
    return pathway.get_metro_url(metro)


@register.filter
def wage_text(wage, figure: str) -> str:
    """A wage figure as a student reads it: "$98,650", "$239,200 or more", "not released"."""
    return wage.text(figure) if wage else "not released"  # "" when a template's lookup failed


@register.filter
def wage_range(wage) -> str:
    """The 10th to 90th percentile annual wage: "$78,070 to $107,950"."""
    if not wage or wage.annual_p10 is None or wage.annual_p90 is None:
        return "not released"
    return f"{wage.text('annual_p10')} to {wage.text('annual_p90')}"


@register.filter
def about_thousands(count) -> str:
    """5800 -> "about 5,800" (BLS rounds openings to hundreds)."""
    return f"about {count:,}" if count is not None else ""


@register.filter
def with_wage(rows) -> list:
    """The rows of wages_for_page that have figures."""
    return [row for row in rows if row.wage is not None]


@register.simple_tag
def growth_badge(occupation, detailed: bool = False) -> str:
    """The growth-rate badge: the band in words (never colour alone), and with `detailed` the
    projection it comes from."""
    band = occupation.growth
    if band is None:
        return ""
    detail = ""
    if detailed and occupation.projected_change_percent is not None:
        period = occupation.projection_period
        source = period.source.name if period and period.source else ""
        detail = format_html(
            '<span class="badge__detail"> ({}, {}{})</span>',
            signed_percent(occupation.projected_change_percent),
            period.name if period else "",
            f", {source}" if source else "",
        )
    label = band.label
    if detailed:  # on an occupation's page the band links to what it means
        label = format_html(
            '<a href="{}#band-{}">{}</a>', reverse("growth_bands"), band.value, band.label
        )
    return format_html(
        '<p class="badge {}"><span class="badge__label">Growth rate:</span> '
        '<span class="badge__value">{}</span>{}</p>',
        band.css_modifier,
        label,
        detail,
    )


@register.simple_tag
def stars(rating: int) -> str:
    """A 1-5 rating: five stars drawn for the eye (lit ones filled, unlit ones outlined, so the
    rating never rests on colour alone), one sentence for screen readers."""
    drawn = format_html_join(
        "",
        '<span class="stars__star{}" aria-hidden="true">{}</span>',
        ((" stars__star--on", "★") if n <= rating else ("", "☆") for n in range(1, 6)),
    )
    return format_html(
        '<span class="stars" role="img" aria-label="{} out of 5 stars">{}</span>', rating, drawn
    )
