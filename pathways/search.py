"""Search over occupations: titles, alternate titles, pathways, tags and descriptions.

Ranking is by where the words matched, best first: the occupation's title, then a title it is
also called by, a pathway's title, a pathway's alternate title, a tag, and last its text.
Among equals, a title that has the words as whole words comes first.
Every result says why it matched. On PostgreSQL, descriptions use full-text search with
ranking, and typos ("sonografer") are caught by trigram similarity; elsewhere a close-match
on titles in Python plays that part.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.functions import Length

from occupations.models import AlternateOccupationTitle, Occupation
from pathways.models import AlternateTitle, Pathway

MAX_RESULTS = 50
TITLE, ALSO_CALLED, PATHWAY, PATHWAY_ALSO_CALLED, TAG, TEXT = 100, 80, 60, 50, 40, 20


@dataclass
class Result:
    occupation: Occupation
    score: int
    reason: str  # why it matched, e.g. "also called: Ultrasound Technologist"; "" for the title


def words(query: str) -> list[str]:
    return [w for w in re.split(r"\W+", query.lower()) if w][:8]


def all_words(field: str, terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__icontains": term})
    return condition


def search(query: str) -> list[Result]:
    """Published occupations matching every word of `query`, best first."""
    terms = words(query)
    if not terms:
        return []
    occupations = Occupation.objects.published()
    best: dict[int, Result] = {}

    def offer(occupation_id: int, score: int, reason: str) -> None:
        if occupation_id not in best or score > best[occupation_id].score:
            best[occupation_id] = Result(None, score, reason)  # type: ignore[arg-type]

    published_ids = occupations.values("id")
    for occupation_id in occupations.filter(
        all_words("title", terms) | all_words("title_plural", terms)
    ).values_list("id", flat=True)[:MAX_RESULTS]:
        offer(occupation_id, TITLE, "")

    for occupation_id, title in _alternate_titles(published_ids, terms):
        offer(occupation_id, ALSO_CALLED, f"also called: {title}")

    for occupation_id, title in (
        Pathway.objects.published()
        .filter(occupation__in=published_ids)
        .filter(all_words("title", terms))
        .values_list("occupation_id", "title")[:MAX_RESULTS]
    ):
        offer(occupation_id, PATHWAY, f"pathway: {title}")

    for occupation_id, title in (
        AlternateTitle.objects.filter(
            pathway__status="published", pathway__occupation__in=published_ids
        )
        .filter(all_words("title", terms))
        .values_list("pathway__occupation_id", "title")[:MAX_RESULTS]
    ):
        offer(occupation_id, PATHWAY_ALSO_CALLED, f"pathway also called: {title}")

    for occupation_id, name in (
        occupations.filter(all_words("tags__name", terms))
        .values_list("id", "tags__name")
        .distinct()[:MAX_RESULTS]
    ):
        offer(occupation_id, TAG, f"tagged: {name}")

    for occupation_id in _text_matches(occupations, query, terms):
        offer(occupation_id, TEXT, "matched in its description")

    found = occupations.in_bulk(list(best)[: MAX_RESULTS * 2])
    results = []
    for occupation_id, result in best.items():
        if occupation_id in found:
            result.occupation = found[occupation_id]
            results.append(result)
    results.sort(
        key=lambda r: (-r.score, not names_every_word(r.occupation, terms), r.occupation.title)
    )
    return results[:MAX_RESULTS]


def names_every_word(occupation: Occupation, terms: list[str]) -> bool:
    """Whether each word is a whole word of the occupation's title (or its plural): "nurse"
    names a Registered Nurse, and only appears in a Nursery Worker's title."""
    title = f"{occupation.title} {occupation.title_plural}".lower()
    return all(re.search(rf"\b{re.escape(term)}\b", title) for term in terms)


def _alternate_titles(published_ids, terms: list[str]) -> list[tuple[int, str]]:
    """Titles an occupation is also called by (O*NET and BLS titles), shortest first, so the
    reason shown is the closest one ("Ultrasound Technologist", not a long variant)."""
    return list(
        AlternateOccupationTitle.objects.filter(occupation__in=published_ids)
        .filter(all_words("title", terms))
        .annotate(length=Length("title"))
        .order_by("length", "title")
        .values_list("occupation_id", "title")[: MAX_RESULTS * 4]
    )


def _text_matches(occupations: QuerySet[Occupation], query: str, terms: list[str]) -> list[int]:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("summary", "onet_description", config="english")
        search_query = SearchQuery(query, search_type="websearch", config="english")
        return list(
            occupations.annotate(document=vector)
            .filter(document=search_query)  # `@@`, served by the GIN index (migration 0005)
            .annotate(rank=SearchRank(vector, search_query))
            .order_by("-rank")
            .values_list("id", flat=True)[:MAX_RESULTS]
        )
    return list(
        occupations.filter(
            all_words("summary", terms) | all_words("onet_description", terms)
        ).values_list("id", flat=True)[:MAX_RESULTS]
    )


def suggestions(query: str, limit: int = 5) -> list[Occupation]:
    """Occupations whose titles look like what was typed, for a search with no results."""
    text = query.strip().lower()
    if not text:
        return []
    published = Occupation.objects.published()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        return list(
            published.annotate(similarity=TrigramWordSimilarity(text, "title"))
            .filter(similarity__gt=0.3)
            .order_by("-similarity", "title")[:limit]
        )
    titles = dict(published.values_list("title", "id"))
    candidates: dict[str, str] = {}
    for title in titles:
        candidates[title.lower()] = title
        for word in title.lower().split():
            candidates.setdefault(word, title)
    matches = difflib.get_close_matches(text, candidates, n=limit * 3, cutoff=0.6)
    chosen = list(dict.fromkeys(candidates[m] for m in matches))[:limit]
    found = published.in_bulk([titles[title] for title in chosen])
    return [found[titles[title]] for title in chosen]
