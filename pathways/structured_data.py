"""schema.org JSON-LD for occupation pages, so search engines read the facts the page shows."""

from __future__ import annotations

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString

from occupations.models import Area, Occupation
from pathways.models import Pathway


def occupation_json_ld(
    occupation: Occupation, metro: Area, pathways: list[Pathway], url: str, wage=None
) -> dict:
    """An `Occupation` (https://schema.org/Occupation) for one occupation in one metro.

    `wage` is the metro's wage row when there is one (annual median and percentiles).
    """
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": occupation.title,
        "description": occupation.summary_text,
        "url": url,
        "occupationLocation": {"@type": "City", "name": metro.name},
    }
    if occupation.soc_code:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": occupation.soc_code,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "SOC 2018"},
        }
    if occupation.typical_education:
        data["educationRequirements"] = occupation.typical_education
    certifications = sorted(
        {
            certification.name
            for pathway in pathways
            for _, certifications in pathway.tiers
            for certification in certifications
        }
    )
    if certifications:
        data["qualifications"] = ", ".join(certifications)
    if occupation.spotlight_image:
        data["image"] = occupation.spotlight_image.url
    salary = _salary(wage)
    if salary:
        data["estimatedSalary"] = salary
    return data


def _salary(wage) -> dict | None:
    median = getattr(wage, "annual_median", None)
    if median is None:
        return None
    distribution = {
        "@type": "MonetaryAmountDistribution",
        "name": "annual wages",
        "currency": "USD",
        "duration": "P1Y",
        "median": median,
    }
    for attribute, key in [("annual_p10", "percentile10"), ("annual_p90", "percentile90")]:
        value = getattr(wage, attribute, None)
        if value is not None:
            distribution[key] = value
    return distribution


def json_ld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> block; <, > and & are escaped as in json_script."""
    text = (
        json.dumps(data, ensure_ascii=False, default=str)
        .replace("<", "\\u003C")
        .replace(">", "\\u003E")
        .replace("&", "\\u0026")
    )
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
