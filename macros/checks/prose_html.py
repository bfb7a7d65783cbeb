"""Raw HTML in Markdown: an allow-list for monographs, balanced tags for the pages of docs/.

A monograph is prose: Markdown says everything it needs, and HTML in it could run a script
(`<script>`, `onerror=`) or swallow the rest of the page (an unclosed `<div>` turns what
follows, the generated sources list included, into raw text). So a monograph may only use
the few inline tags prose needs, without attributes, each closed on its line; any other tag,
and any link that is not a web, mail or page address, is refused with its line. The pages
of docs/ are reviewed and may hold HTML (a card grid), but their tags must balance.
"""

from __future__ import annotations

import re

from macros.checks.typography import code_masked, prose_lines
from macros.problems import NBSP, NNBSP, Problem, guillemets

# The inline tags prose may need: exponents (1<sup>er</sup>, CO<sub>2</sub>) and a line break.
ALLOWED = ("sup", "sub", "br")
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed", "param", "track"}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)([^<>]*?)(/?)(>|$)")
_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"
# A link target with a scheme: [texte](javascript:…), ![image](data:…), <vbscript:…>, [1]: file:…
_SCHEME = re.compile(r"(?:\]\(\s*<?|^\s*\[[^\]]*\]:\s*<?|<)([A-Za-z][A-Za-z0-9+.-]*):", re.M)
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_MARKDOWN_FOR = {
    "a": "un lien s'écrit [texte](adresse)",
    "img": "une image s'écrit ![description](adresse)",
    "b": "le gras s'écrit **texte**",
    "strong": "le gras s'écrit **texte**",
    "i": "l'italique s'écrit *texte*",
    "em": "l'italique s'écrit *texte*",
    "p": "un paragraphe est séparé du suivant par une ligne vide",
    "h1": "les sections s'écrivent ## Titre",
    "h2": "les sections s'écrivent ## Titre",
    "h3": "les sous-sections s'écrivent ### Titre",
    "ul": "une liste s'écrit avec des lignes commençant par « - »",
    "ol": "une liste numérotée s'écrit avec des lignes commençant par « 1. »",
    "table": "un tableau s'écrit en Markdown (| col | col |)",
    "script": "retirez-le, le site ne publie aucun script venu d'un texte",
    "style": "retirez-le, la mise en forme vient de la feuille de style du site",
}
_DANGEROUS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "base",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "link",
    "meta",
    "template",
    "noscript",
}


def _allowed_list() -> str:
    return ", ".join(guillemets(f"<{tag}>") for tag in ALLOWED)


def _refusal(tag: str) -> str:
    if tag in _DANGEROUS:
        why = f"du HTML actif ({guillemets(f'<{tag}>')}) pourrait exécuter un script ou détourner la page"
    else:
        why = "le texte est publié tel quel, et une balise mal fermée casserait la suite de la page"
    advice = _MARKDOWN_FOR.get(tag, "écrivez en Markdown")
    return (
        f"balise HTML {guillemets(f'<{tag}>')} refusée dans une monographie{NBSP}: {why}{NNBSP}; {advice}. "
        f"Seules {_allowed_list()} sont permises, sans attribut."
    )


def monograph_html_problems(display: str, text: str) -> list[Problem]:
    """Tags outside the allow-list, attributes, unclosed tags and comments, unsafe links."""
    problems = []
    refused: set[str] = set()
    comment_open: tuple[int, int] | None = None
    for number, line in prose_lines(text):
        masked = code_masked(line)
        position = 0
        while True:
            if comment_open:
                end = masked.find(_COMMENT_CLOSE, position)
                if end < 0:
                    break
                comment_open, position = None, end + len(_COMMENT_CLOSE)
                continue
            start = masked.find(_COMMENT_OPEN, position)
            if start < 0:
                break
            comment_open, position = (number, start + 1), start + len(_COMMENT_OPEN)
        visible = re.sub(r"<!--.*?(-->|$)", lambda match: " " * len(match.group()), masked)
        open_tags: list[tuple[str, int]] = []
        for match in _TAG.finditer(visible):
            closing, tag, attributes, column = match.group(1), match.group(2).lower(), match.group(3), match.start() + 1
            if tag not in ALLOWED:
                # One message per tag: its closing tag is the same slip.
                if not (closing and tag in refused):
                    problems.append(Problem(display, number, column, _refusal(tag)))
                refused.add(tag)
                continue
            if attributes.strip():
                problems.append(
                    Problem(
                        display,
                        number,
                        column,
                        f"attribut refusé sur {guillemets(f'<{tag}>')}{NBSP}: écrivez "
                        f"{guillemets(f'<{tag}>')} seul (un attribut peut porter un script).",
                    )
                )
            if tag in _VOID:
                continue
            if not closing:
                open_tags.append((tag, column))
            elif open_tags and open_tags[-1][0] == tag:
                open_tags.pop()
            else:
                problems.append(
                    Problem(
                        display,
                        number,
                        column,
                        f"{guillemets(f'</{tag}>')} ferme une balise qui n'est pas ouverte sur "
                        f"cette ligne{NNBSP}; retirez-la, ou ouvrez {guillemets(f'<{tag}>')} avant.",
                    )
                )
        for tag, column in open_tags:
            problems.append(
                Problem(
                    display,
                    number,
                    column,
                    f"{guillemets(f'<{tag}>')} n'est pas refermée sur sa ligne{NNBSP}; ajoutez "
                    f"{guillemets(f'</{tag}>')} après le texte concerné (sinon la suite de la "
                    "page serait mise en forme aussi).",
                )
            )
        for match in _SCHEME.finditer(masked):
            scheme = match.group(1).lower()
            if scheme not in _SAFE_SCHEMES:
                problems.append(
                    Problem(
                        display,
                        number,
                        match.start(1) + 1,
                        f"lien de type {guillemets(scheme + ':')} refusé{NBSP}: seules les adresses "
                        f"web (https://…), de courriel (mailto:…) et les liens vers des pages du "
                        f"site sont permis.",
                    )
                )
    if comment_open:
        problems.append(
            Problem(
                display,
                *comment_open,
                f"commentaire HTML {guillemets(_COMMENT_OPEN)} jamais refermé par "
                f"{guillemets(_COMMENT_CLOSE)}{NNBSP}; tout le reste de la page serait masqué.",
            )
        )
    return problems


def page_html_problems(display: str, text: str) -> list[Problem]:
    """Tags of a docs/ page that do not balance (any tag is allowed there)."""
    problems = []
    stack: list[tuple[str, int, int]] = []
    for number, line in prose_lines(text):
        visible = re.sub(r"<!--.*?-->", lambda match: " " * len(match.group()), code_masked(line))
        for match in _TAG.finditer(visible):
            closing, tag = match.group(1), match.group(2).lower()
            if tag in _VOID or match.group(4):
                continue
            if not closing:
                stack.append((tag, number, match.start() + 1))
            elif stack and stack[-1][0] == tag:
                stack.pop()
            else:
                problems.append(
                    Problem(
                        display,
                        number,
                        match.start() + 1,
                        f"{guillemets(f'</{tag}>')} ne ferme aucune balise ouverte"
                        + (f"{NNBSP}; la dernière ouverte est {guillemets(f'<{stack[-1][0]}>')} (ligne {stack[-1][1]})" if stack else "")
                        + ".",
                    )
                )
    for tag, number, column in stack:
        problems.append(
            Problem(
                display,
                number,
                column,
                f"{guillemets(f'<{tag}>')} n'est jamais refermée{NNBSP}; ajoutez "
                f"{guillemets(f'</{tag}>')} à la fin du bloc, sinon la suite de la page est "
                "publiée comme du texte brut.",
            )
        )
    return problems
