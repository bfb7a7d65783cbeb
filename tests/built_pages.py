"""What several test files read of the built site: the catalogue it is built from, a page's
visible text, and a browser page that records its requests and errors."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import PROJECT

from macros import french
from macros.checks.validate import load_catalogue
from macros.model.collections import DataPaths

CATALOGUE = load_catalogue(DataPaths(PROJECT))


def text_of(page: Path) -> str:
    """The visible text of a built page, entities decoded, spaces normalised."""
    content = page.read_text(encoding="utf-8")
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    content = html.unescape(re.sub(r"<[^>]+>", " ", content))
    return re.sub(r"\s+", " ", content.replace(french.NBSP, " ").replace(french.NNBSP, " "))


def open_page(browser, url, width=1280, height=900, wait_until="load"):
    """A page with every request and error recorded. Tests of what a page requests wait for
    the network to be idle (`wait_until="networkidle"`: half a second more per page); the
    others start once the page has loaded."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.requests, page.errors = record(page)
    page.goto(url, wait_until=wait_until)
    return page


def record(page) -> tuple[list[str], list[str]]:
    """The addresses the page requests and its errors (scripts', and those the console
    prints), as lists that fill as it runs."""
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return requests, errors
