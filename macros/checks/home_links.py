"""Links to a site's home page in the written prose (monographs and pages of docs/).

A fact followed by a link to « https://site.fr » cannot be traced: the reader lands on a home
page that says nothing of it. So a link whose address is a bare domain (path empty or « / »,
no query) is a located warning, with the fix, unless the link says it leads to a site rather
than to a source: « site », « formulaire » or « accueil » in its text or just before it (« [site
de Mediatico](https://mediatico.fr) », « par son site, [lelabo-ess.org](…) »). The domain alone
as the text is not enough: « ([biovallee.net](https://biovallee.net)) » after a fact presents
the home page as its source. The records of data/sources.yaml have their own rule
(citations.bare_domain_warnings).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from macros.checks.source_addresses import host
from macros.checks.typography import code_masked, prose_lines
from macros.model.collections import DataPaths
from macros.problems import NBSP, NNBSP, Problem, guillemets

# [text](address) or [text](<address>), not an image; the address up to a space or « ) ».
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(\s*<?(https?://[^)\s>]+)>?[^)]*\)")
_SITE = re.compile(r"\b(?:sites?|formulaires?|accueil)\b", re.IGNORECASE)
# How far before the link « son site, » or « Site construit avec » still names it.
_BEFORE = 40


def _home_page(address: str) -> bool:
    parts = urlsplit(address)
    return bool(parts.netloc) and parts.path in ("", "/") and not parts.query and not parts.fragment


def _says_site(line: str, match: re.Match) -> bool:
    """The link, or the words just before it, say that it leads to a site."""
    return bool(_SITE.search(match.group(1)) or _SITE.search(line[max(match.start() - _BEFORE, 0) : match.start()]))


def home_link_warnings(shown: str, text: str) -> list[Problem]:
    """A warning for each link of a Markdown text to a site's home page, at its line and column."""
    warnings = []
    for number, line in prose_lines(text):
        masked = code_masked(line)
        for match in _LINK.finditer(masked):
            label, address = match.group(1), match.group(2)
            if not _home_page(address) or _says_site(masked, match):
                continue
            warnings.append(
                Problem(
                    shown,
                    number,
                    match.start() + 1,
                    f"le lien {guillemets(label)} mène à la page d'accueil de {host(address)}{NBSP}: un lecteur "
                    f"n'y retrouve pas ce que la phrase affirme{NNBSP}; liez la page précise (article, fiche, "
                    f"rapport). S'il n'y en a pas, dites-le dans le texte du lien ({guillemets('site de …')}) "
                    "et appuyez le fait sur une autre source.",
                    warning=True,
                )
            )
    return warnings


def pages_home_link_warnings(paths: DataPaths) -> list[Problem]:
    """The same warnings for the written pages of docs/."""
    warnings = []
    for page in sorted(Path(paths.project_dir / paths.docs_dir).rglob("*.md")):
        warnings += home_link_warnings(paths.display(page), page.read_text(encoding="utf-8", errors="replace"))
    return warnings
