"""Job titles as the public files write them, turned into what the site needs.

O*NET and BLS name occupations in the plural ("Diagnostic Medical Sonographers"); the site also
needs a singular title ("Diagnostic Medical Sonographer"). These functions are deliberately
modest: they change the head nouns of a title and nothing else, and leave a word alone when
they are not sure it is a plural. Counselors can correct any title in the admin, and imports
never touch a title again once the occupation exists.
"""

from __future__ import annotations

import re

from django.utils.text import slugify

# Words that end in "s" but are not plurals of a job ("Sales", "Sports", "Parts").
NOT_PLURAL = {
    "affairs",
    "fibers",
    "trades",
    "benefits",
    "canvas",
    "claims",
    "commodities",
    "gas",
    "lens",
    "news",
    "programs",
    "securities",
    "surfaces",
    "utilities",
    "vehicles",
    "arts",
    "athletics",
    "communications",
    "economics",
    "electronics",
    "goods",
    "graphics",
    "logistics",
    "materials",
    "mathematics",
    "operations",
    "parts",
    "physics",
    "products",
    "relations",
    "resources",
    "sales",
    "sciences",
    "services",
    "sports",
    "studies",
    "systems",
    "works",
}
IRREGULAR = {
    "people": "person",
    "women": "woman",
    "men": "man",
    "midwives": "midwife",
    "wives": "wife",
    "thieves": "thief",
    "chiefs": "chief",
    "children": "child",
}
# A comma segment starting with one of these qualifies the title; it is never singularized
# ("Secretaries and Administrative Assistants, Except Legal, Medical, and Executive").
QUALIFIERS = ("except ", "including ", "all other")
SMALL_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "nor",
    "of",
    "on",
    "or",
    "the",
    "through",
    "to",
    "with",
}


def singular_word(word: str) -> str:
    """ "Sonographers" -> "Sonographer", "Secretaries" -> "Secretary"; unsure -> unchanged."""
    lower = word.lower()
    if lower in IRREGULAR:
        singular = IRREGULAR[lower]
        return singular.capitalize() if word[:1].isupper() else singular
    if lower.endswith("men") and len(lower) > 4:  # Firemen, Craftsmen
        return word[:-2] + "an"
    if not is_plural(word):
        return word
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if lower.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return word[:-2]
    return word[:-1]


def is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in IRREGULAR or (lower.endswith("men") and len(lower) > 4):
        return True
    return (
        len(lower) > 2
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is", "'s"))
        and lower not in NOT_PLURAL
    )


def _singular_last_word(phrase: str) -> str:
    """Singularize the last word of a phrase (keeping a "/"-joined pair together)."""
    match = re.search(r"([A-Za-z'-]+)(/[A-Za-z'-]+)?(\W*)$", phrase)
    if not match:
        return phrase
    first, slashed, tail = match.group(1), match.group(2), match.group(3)
    first = singular_word(first)
    if slashed:  # "Engineers/Architects" -> "Engineer/Architect"
        slashed = "/" + singular_word(slashed[1:])
    return phrase[: match.start()] + first + (slashed or "") + tail


def _singular_conjuncts(segment: str) -> str:
    """ "Mechanics and Installers" -> "Mechanic and Installer" (each conjunct's head noun)."""
    parts = re.split(r"(\s+(?:and|or)\s+|^(?:and|or)\s+)", segment)
    return "".join(
        part if re.fullmatch(r"\s*(?:and|or)\s+|", part) else _singular_last_word(part)
        for part in parts
    )


def singularize_title(plural: str) -> str:
    """The singular form of an occupation title written in the plural.

    Only the job nouns change; modifiers and qualifiers after them stay as written:
    "Secretaries and Administrative Assistants, Except Legal, Medical, and Executive" ->
    "Secretary and Administrative Assistant, Except Legal, Medical, and Executive".
    """
    title = " ".join(plural.split())
    # "First-Line Supervisors of Retail Sales Workers", "Helpers--Painters, Plasterers, ...":
    # only the words before "of" (or "--") name the job.
    for separator in ("--", " of "):
        head, found, rest = title.partition(separator)
        if found and "," not in head:
            return _singular_conjuncts(head) + found + rest
    # Walk the comma-separated segments: modifiers ("Art, Drama, and Music Teachers") and
    # job nouns ("Plumbers, Pipefitters, and Steamfitters") come first; the first segment
    # that is neither ("Metal and Plastic", "Except ...", "All Other") starts the qualifiers.
    segments = title.split(", ")
    last_job = 0
    seen_job = False
    for index, segment in enumerate(segments):
        if segment.lower().startswith(QUALIFIERS):
            break
        if _ends_plural(segment):
            seen_job, last_job = True, index
        elif seen_job:
            break
    for index in range(last_job + 1):
        segments[index] = _singular_conjuncts(segments[index])
    return ", ".join(segments)


def _ends_plural(segment: str) -> bool:
    words = re.findall(r"[A-Za-z'-]+", segment)
    return bool(words) and is_plural(words[-1])


def title_case(text: str) -> str:
    """BLS writes titles in sentence case ("Buyers and purchasing agents"); O*NET, and this
    site, in title case ("Buyers and Purchasing Agents"). Small words stay lower case, also
    inside a hyphenated word ("Door-to-Door")."""

    def capitalize(match: re.Match) -> str:
        word, start = match.group(0), match.start()
        if start and word.lower() in SMALL_WORDS:
            return word.lower()
        return word[0].upper() + word[1:]

    return re.sub(r"[A-Za-z][A-Za-z']*", capitalize, " ".join(text.split()))


def first_city(metro_name: str) -> str:
    """ "Charlotte-Concord-Gastonia, NC-SC" -> "Charlotte" (a metro's short name by default)."""
    places = metro_name.split(",")[0]
    return places.split("-")[0].strip() or metro_name


def unique_slug(text: str, taken: set[str], max_length: int = 160, suffix: str = "") -> str:
    """A slug for `text` not in `taken` (which it is added to): "actor", then "actor-2"..."""
    base = slugify(text)[:max_length].strip("-") or "item"
    if base in taken and suffix:
        tail = slugify(suffix)
        base = f"{base[: max_length - len(tail) - 1].strip('-')}-{tail}"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base[: max_length - len(str(number)) - 1].strip('-')}-{number}"
    taken.add(slug)
    return slug
