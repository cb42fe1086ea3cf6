"""Reading pages the way a person (or a screen reader) does, for assertions."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


BLOCKS = [
    *[
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "div",
        "section",
        "article",
        "ul",
        "ol",
        "nav",
        "figure",
        "dialog",
        "header",
    ],
    *["footer", "form", "label", "button", "option", "select", "td", "th", "br"],
]


def readable_text(element: Tag) -> str:
    """Visible text in document order, with images read as their alt text and role="img"
    elements as their aria-label, as assistive technology reads them."""
    element = BeautifulSoup(str(element), "html.parser")
    for hidden in element.select("script, style, [aria-hidden=true]"):
        hidden.decompose()
    for image in element.select("img"):
        image.replace_with(f" [{image.get('alt', '')}] ")
    for labelled in element.select("[role=img]"):
        labelled.replace_with(f" {labelled.get('aria-label', '')} ")
    for block in element.find_all(BLOCKS):
        block.insert_before(" ")
        block.append(" ")
    return squash(element.get_text())


def assert_in_order(text: str, expected: list[str]) -> None:
    """Each expected piece appears in `text`, each after the one before it."""
    position = 0
    for piece in expected:
        found = text.find(piece, position)
        assert found != -1, f"{piece!r} not found after position {position} in:\n{text}"
        position = found + len(piece)


def texts(page: BeautifulSoup, selector: str) -> list[str]:
    return [squash(element.get_text(" ")) for element in page.select(selector)]


def form_data(page: BeautifulSoup, form_selector: str = "form") -> dict[str, str | list[str]]:
    """What the browser would submit for a form left as it is (admin add/change forms)."""
    form = page.select_one(form_selector)
    data: dict[str, str | list[str]] = {}
    for field in form.select("input, select, textarea"):
        name = field.get("name")
        if not name or field.has_attr("disabled") or "__prefix__" in name:
            continue
        if field.name == "select":
            chosen = [o.get("value", "") for o in field.select("option[selected]")]
            if field.has_attr("multiple"):
                data[name] = chosen
            else:
                data[name] = chosen[0] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.get_text()
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") in {"submit", "button", "file", "image"}:
            continue
        else:
            data[name] = field.get("value", "")
    return data
