"""Sharing and search engines: a page's address online, its description, its preview tags.

`site_url` comes from the environment (mkdocs.yml: `site_url: !ENV [SITE_URL, ""]`): the
publication workflow passes the real address; a local build has none, and then writes no
canonical link, no absolute preview address and an empty sitemap, as MkDocs does.
The address online is always the directory-style one (/monographies/eusko/), also in the
offline edition (use_directory_urls: false): its canonical links point at the site online.
"""

from __future__ import annotations

import html
import re

from macros import french
from macros.editions import EDITIONS
from macros.renderer.preview_image import Preview

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
# Notes beside the text (« Corrigé le … », the PDF edition) are not what a page is about.
_ASIDE = re.compile(r"<aside\b.*?</aside>", re.S)
_TAG = re.compile(r"<[^>]+>")
DESCRIPTION_LENGTH = 200


def online_url(site_url: str, src_uri: str) -> str:
    """The page's address on the published site (directory URLs), or "" without site_url."""
    if not site_url:
        return ""
    path = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if path == "index":
        path = ""
    elif path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    return site_url.rstrip("/") + "/" + path


def first_paragraph(content: str) -> str:
    """A page's first real paragraph as plain text, cut at a word under 200 characters."""
    for match in _PARAGRAPH.finditer(_ASIDE.sub("", content)):
        text = " ".join(html.unescape(_TAG.sub("", match.group(1))).split())
        if len(text) >= 40:
            if len(text) > DESCRIPTION_LENGTH:
                text = text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
            return text
    return ""


def previews(site_name: str, site_description: str) -> list[Preview]:
    """The preview images: one per report, then the one of the rest of the site."""
    return [Preview(edition.slug, french.typography(edition.title), french.typography(edition.subtitle)) for edition in EDITIONS] + [
        Preview("site", site_name, french.typography(" ".join(site_description.split())))
    ]


def preview_for(src_uri: str, images: list[Preview]) -> Preview:
    """A report's pages (and the monographs, annexes of their report) share its image."""
    for edition, image in zip(EDITIONS, images):
        if src_uri.startswith(edition.folder) or (
            edition.with_monographs and src_uri.startswith("monographies/") and src_uri != "monographies/index.md"
        ):
            return image
    return images[-1]


def robots(site_url: str) -> str:
    """robots.txt: everything may be indexed; the sitemap, when the address is known."""
    text = "User-agent: *\nAllow: /\n"
    if site_url:
        text += f"\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    return text
