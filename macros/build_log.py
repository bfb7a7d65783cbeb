"""MkDocs in French: its log lines rewritten, link problems located where the editor wrote them.

MkDocs reports a broken link as « Doc file 'monographies/eusko.md' contains a link … »: in
English, without a line, and naming the generated page rather than `monographs/eusko.md`.
A `logging.Filter` put on the handlers of the « mkdocs » logger (the public logging API:
nothing of MkDocs is patched) rewrites each record as it is printed: the message in French,
located at the file, line and column of the link in the source, with what to write instead;
the level name in French. It also counts the warnings, so that the plugin can stop a strict
build with a French line before MkDocs would stop it with an English one.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macros.problems import NBSP, NNBSP, guillemets, suggestion

LOGGER = "mkdocs"
_LEVELS = {
    logging.DEBUG: "DÉBOGAGE",
    logging.INFO: "INFO",
    logging.WARNING: "ATTENTION ",
    logging.ERROR: "ERREUR",
    logging.CRITICAL: "ERREUR",
}
# The dev server prefixes its lines with the time: kept, in front of the French line.
_CLOCK = re.compile(r"^(\[\d\d:\d\d:\d\d\] )")
_DID_YOU_MEAN = r"(?: Did you mean '(?P<hint>.+)'\?)?"
_LINK_MESSAGES = {
    "absolu": re.compile(
        rf"^Doc file '(?P<src>.+?)' contains an absolute link '(?P<url>.+?)', it was left as is\."
        rf"{_DID_YOU_MEAN}$"
    ),
    "non reconnu": re.compile(
        rf"^Doc file '(?P<src>.+?)' contains an unrecognized relative link '(?P<url>.+?)', "
        rf"it was left as is\.{_DID_YOU_MEAN}$"
    ),
    "introuvable": re.compile(
        rf"^Doc file '(?P<src>.+?)' contains a link '(?P<url>.+?)', but the target"
        rf"(?: '(?P<target>.+?)')? is not found among documentation files\.{_DID_YOU_MEAN}$"
    ),
    "ancre ailleurs": re.compile(
        r"^Doc file '(?P<src>.+?)' contains a link '(?P<url>.+?)', but the doc "
        r"'(?P<target>.+?)' does not contain an anchor '#(?P<anchor>.+?)'\.$"
    ),
    "ancre ici": re.compile(
        r"^Doc file '(?P<src>.+?)' contains a link '(?P<url>.+?)', but there is no such "
        r"anchor on this page\.(?P<footnote> This seems to be a footnote.*)?$"
    ),
    "exclue": re.compile(
        r"^Doc file '(?P<src>.+?)' contains a link to '(?P<target>.+?)' which is excluded "
        r"from the built site\.$"
    ),
}
# Plain lines of a build or of the dev server: pattern, French (from the match's groups).
_LINE_PATTERNS: list[tuple[str, Callable[..., str]]] = [
    (r"Cleaning site directory", lambda: "Nettoyage du dossier du site"),
    (r"Building documentation to directory: (.+)", lambda folder: f"Construction du site dans {folder}"),
    (r"Documentation built in ([\d.]+) seconds", lambda seconds: f"Site construit en {seconds.replace('.', ',')}{NBSP}s"),
    (r"Building documentation\.\.\.", lambda: "Construction du site…"),
    (r"Watching paths for changes: (.+)", lambda paths: f"Surveillance des modifications{NBSP}: {paths}"),
    (r"Serving on (\S+)", lambda url: f"Prévisualisation sur {url} (Ctrl+C pour l'arrêter)"),
    (r"Detected file changes", lambda: "Modification détectée"),
    (r"Reloading browsers", lambda: "Rechargement des pages ouvertes"),
    (r"Browser connected: (.+)", lambda url: f"Navigateur connecté{NBSP}: {url}"),
    (r"Shutting down\.\.\.", lambda: "Arrêt de la prévisualisation"),
    (
        r"An error happened during the rebuild\..*",
        lambda: (
            f"La reconstruction a échoué{NBSP}: la prévisualisation garde la dernière version réussie "
            "jusqu'à ce que les problèmes ci-dessus soient corrigés (elle repart dès l'enregistrement)."
        ),
    ),
    (r"Error reading page '(.+?)':(.*)", lambda page, why: f"Erreur à la lecture de la page {guillemets(page)}{NBSP}:{why}"),
    (r"Error building page '(.+?)':(.*)", lambda page, why: f"Erreur à la construction de la page {guillemets(page)}{NBSP}:{why}"),
    (
        r'The following pages exist in the docs directory, but are not included in the "nav" configuration:(.*)',
        lambda pages: (
            f"Ces pages de docs/ ne figurent pas dans la navigation (nav){NBSP}:{pages}\n"
            f"  Ajoutez chacune à {guillemets('nav')} dans mkdocs.yml, à sa place dans son rapport "
            f"(l'édition hors ligne reprend cette navigation){NNBSP}; une page qu'on n'atteint que par un "
            f"lien va dans {guillemets('not_in_nav')}."
        ),
    ),
]
_LINES = [(re.compile(pattern, re.S), french) for pattern, french in _LINE_PATTERNS]
# Chatter of mkdocs-macros at each build (modules and variables found): not for editors.
_QUIET = ("mkdocs.plugins.mkdocs_macros",)
_SERVER = "mkdocs.livereload"


class Source:
    """Where a page of the site comes from: the file the editor writes, as shown to them."""

    def __init__(self, path: Path, shown: str, prose_only: bool):
        self.path = path
        self.shown = shown
        # A generated page (monograph) holds more than the file: fact sheet, appendices.
        self.prose_only = prose_only


class FrenchLog(logging.Filter):
    """Rewrites MkDocs' records in French as they are printed; counts the warnings."""

    def __init__(self):
        super().__init__("labo-ess")
        self.warnings = 0
        # The French text of each warning and error of the build (the preview shows them).
        self.messages: list[str] = []
        self.source_of: Callable[[str], Source | None] = lambda src_uri: None
        self.pages: Callable[[], list[str]] = lambda: []
        self.anchors: Callable[[str], set[str]] = lambda src_uri: set()
        # A monograph's page under a former id → under its current id (anciens_ids).
        self.renamed: dict[str, str] = {}
        self._seen: Counter = Counter()

    def start_build(self) -> None:
        self.warnings = 0
        self.messages = []
        self._seen.clear()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "labo_ess_fr", False):
            return True
        record.labo_ess_fr = True
        if record.levelno < logging.WARNING and record.name.startswith(_QUIET):
            return False
        message = record.getMessage()
        clock = _CLOCK.match(message)
        body = message[clock.end() :] if clock else message
        french = self.translate(body)
        if french is not None:
            record.msg, record.args = (clock.group(1) if clock else "") + french, ()
        record.levelname = _LEVELS.get(record.levelno, record.levelname)
        if record.levelno >= logging.WARNING:
            self.warnings += 1
            # Not the dev server's own lines (a request for a missing file), which are no
            # problem of the site.
            if not record.name.startswith(_SERVER):
                self.messages.append(record.getMessage())
        return True

    def translate(self, message: str) -> str | None:
        for kind, pattern in _LINK_MESSAGES.items():
            match = pattern.match(message)
            if match:
                return self.link(kind, match.groupdict())
        for pattern, french in _LINES:
            match = pattern.fullmatch(message)
            if match:
                return french(*match.groups())
        return None

    # --- Links -------------------------------------------------------------------------

    def locate(self, src: str, url: str) -> tuple[str, bool]:
        """« monographs/eusko.md:52:15 » for the n-th time this link is reported; and whether
        the link was found in the editor's file (else the site wrote it)."""
        source = self.source_of(src)
        if source is None:
            return src, False
        self._seen[(src, url)] += 1
        try:
            text = source.path.read_text(encoding="utf-8")
        except OSError:
            return source.shown, False
        escaped = re.escape(url)
        places = [
            match.start("url") for match in re.finditer(rf"(?:\]\(\s*<?|\]:\s*<?|<|href=[\"']?)(?P<url>{escaped})(?=[\s)>\"'])", text)
        ]
        if not places:
            return source.shown, False
        start = places[min(self._seen[(src, url)], len(places)) - 1]
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        return f"{source.shown}:{line}:{column}", True

    def _suggested(self, src: str, target: str | None) -> str | None:
        """A page of the site close to a missing target, as a link from `src`."""
        if not target:
            return None
        close = self.renamed.get(target) or suggestion(target, self.pages())
        return posixpath.relpath(close, posixpath.dirname(src) or ".") if close else None

    def _how(self, src: str) -> str:
        source = self.source_of(src)
        if source is not None and source.prose_only:
            return (
                f"pour lier une autre monographie, écrivez son id suivi de .md (ex. {guillemets('biovallee.md')})"
                f"{NNBSP}; pour une page du site, son fichier depuis docs/, précédé de {guillemets('../')} "
                f"(ex. {guillemets('../catalogue.md')})"
            )
        return "un lien vers une page du site vise son fichier .md, écrit relativement à cette page"

    def link(self, kind: str, found: dict[str, Any]) -> str:
        src, url = found["src"], found.get("url") or found.get("target")
        assert url is not None  # each of _LINK_MESSAGES has a group « url » or « target » that must match
        where, written = self.locate(src, url)
        hint = found.get("hint")
        if kind == "introuvable" and not hint:
            hint = self._suggested(src, found.get("target"))
        anchor = found.get("anchor")
        if anchor and kind == "ancre ailleurs":
            close = suggestion(anchor, self.anchors(found["target"]))
            hint = f"{url.split('#')[0]}#{close}" if close else None
        elif kind == "ancre ici":
            anchor = url.split("#", 1)[-1]
            close = suggestion(anchor, self.anchors(src))
            hint = f"#{close}" if close else None
        suggestion_text = f" Vouliez-vous dire {guillemets(hint)}{NNBSP}?" if hint else ""
        if kind == "absolu":
            what = (
                f"lien absolu {guillemets(url)}{NBSP}: il ne mène nulle part dans l'édition hors ligne ni "
                f"quand le site est publié dans un sous-dossier{NNBSP}; {self._how(src)}."
            )
        elif kind == "non reconnu":
            what = f"lien {guillemets(url)} non reconnu{NBSP}: il vise l'adresse d'une page, pas son fichier{NNBSP}; {self._how(src)}."
        elif kind == "introuvable":
            missing = found.get("target") or url
            what = f"lien {guillemets(url)} vers une page introuvable ({guillemets(missing)} n'existe pas){NNBSP}; {self._how(src)}."
        elif kind == "ancre ailleurs":
            assert anchor is not None  # the message's group « anchor » must match
            what = (
                f"lien {guillemets(url)}{NBSP}: la page {guillemets(found['target'])} n'a pas d'ancre "
                f"{guillemets('#' + anchor)}{NNBSP}; une ancre est le titre d'une section, en minuscules et "
                f"avec des tirets (ex. {guillemets('#acteurs-et-gouvernance')})."
            )
        elif kind == "ancre ici":
            assert anchor is not None  # set above from the link
            what = (
                f"lien {guillemets(url)}{NBSP}: cette page n'a pas d'ancre {guillemets('#' + anchor)}"
                f"{NNBSP}; une ancre est le titre d'une section, en minuscules et avec des tirets."
            )
        else:
            what = f"lien vers {guillemets(found['target'])}, une page exclue du site publié."
        if not written:
            what += " (Ce lien est écrit par le site lui-même, pas par le texte : signalez-le.)"
        return f"{where}: {what}{suggestion_text}"


def install(journal: FrenchLog) -> None:
    """Put the filter on the handlers MkDocs prints with (once, even across serve rebuilds)."""
    for handler in logging.getLogger(LOGGER).handlers:
        for old in [item for item in handler.filters if isinstance(item, FrenchLog)]:
            handler.removeFilter(old)
        handler.addFilter(journal)
