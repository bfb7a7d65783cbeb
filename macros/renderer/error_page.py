"""The preview's error page: while the data or a page is broken, `make serve` shows it at
every address, with the problems located as `make check` prints them.

MkDocs' dev server keeps the last good site when a rebuild fails, and then holds every
request until a build succeeds: the browser shows nothing and any reload hangs. So in the
preview the labo-ess plugin never fails a build for an editor's mistake: it builds a site
whose every page is this one (plugin.py). The server adds its live-reload script to it as to
any page, and reloads it on the next save; once everything is fixed, the page asked for comes
back by itself. Everything shown is escaped: a message quotes what the editor wrote.
"""

from __future__ import annotations

import re

from markupsafe import escape
from mkdocs.structure.files import File, Files

from macros.csp import sha256
from macros.problems import NBSP, NNBSP, Problem, guillemets, plural

# « monographs/eusko.md:52:15: … » — a French log line, located as a Problem is.
_LOCATED = re.compile(r"^(?P<where>[^\s:]+(?::\d+){1,2}): (?P<what>.+)$", re.S)

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fff; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; color: #8c1c13; margin: 0 0 1rem; }
ol { padding-left: 1.5rem; }
li { margin: 0 0 .9rem; overflow-wrap: anywhere; }
code { font: .9em/1.4 ui-monospace, monospace; background: #f3f3f5; padding: .1em .3em; border-radius: 3px; }
.where { display: block; font-weight: 600; }
"""


def located(line: str) -> tuple[str, str]:
    """(where, what) of a log line or a problem's text; where is empty when it has none."""
    match = _LOCATED.match(line.strip())
    return (match.group("where"), match.group("what")) if match else ("", line.strip())


def from_problems(problems: list[Problem]) -> list[tuple[str, str]]:
    """The errors first, then the warnings, each as (where, what)."""
    ordered = [problem for problem in problems if not problem.warning] + [problem for problem in problems if problem.warning]
    return [(problem.location(), problem.text()) for problem in ordered]


def error_page(problems: list[tuple[str, str]], site_name: str) -> str:
    """The whole HTML page: every problem, escaped, and what to do."""
    items = "\n".join(f"<li>{f'<code class=where>{escape(where)}</code>' if where else ''}{escape(what)}</li>" for where, what in problems)
    title = f"Prévisualisation{NBSP}: {plural(len(problems), 'problème')} à corriger"
    policy = (
        f"default-src 'none'; style-src {sha256(_STYLE)}; script-src 'unsafe-inline'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'"
    )
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} – {escape(site_name)}</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{escape(title)}</h1>
<p>Le site ne peut pas être construit tel quel{NNBSP}: {guillemets("make build")} le refuserait. Corrigez
chaque point ci-dessous, à la ligne indiquée, et enregistrez le fichier{NBSP}: cette page se met à jour
d’elle-même, et la page demandée revient dès que tout est corrigé. Le terminal de
{guillemets("make serve")} affiche la même liste.</p>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""


def error_files(files: Files, config, monographs: list[str], page: str) -> Files:
    """The site of the preview when it cannot be built: only the error page, at the address of
    every written page (`files`) and of every monograph (their source paths), and nothing else."""
    addresses = [file.dest_uri for file in files.documentation_pages()]
    addresses += [File.generated(config, uri, content="").dest_uri for uri in monographs]
    return Files([File.generated(config, address, content=page) for address in dict.fromkeys(addresses)])
