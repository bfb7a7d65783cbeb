"""The Jinja environment of every template of templates/.

Autoescaping is on, so a value from the data is always text on the page, never markup;
template *sources* are only the files in templates/, and data never becomes template source.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from macros import french

_TEMPLATES = Path(__file__).parent / "templates"


LONG_LIST = 6


def _bytecode_cache(name: str = "") -> FileSystemBytecodeCache | None:
    """Compiled templates kept between builds (Jinja checks each template's freshness)."""
    folder = Path(tempfile.gettempdir()) / "labo-ess-gabarits" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def keep_compiled(environment: Environment) -> None:
    """Let an environment of the theme (Material's templates, overrides/) keep its compiled
    templates between builds as ours do: MkDocs compiles them anew for every build. Their
    code depends on the environment's extensions and options, which name the folder."""
    settings = repr((sorted(environment.extensions), environment.trim_blocks, environment.lstrip_blocks, environment.autoescape))
    if environment.bytecode_cache is None:
        environment.bytecode_cache = _bytecode_cache("theme-" + hashlib.sha1(settings.encode()).hexdigest()[:12])


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        bytecode_cache=_bytecode_cache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Every text printed from the data gets French no-break spaces, before escaping.
        finalize=french.typography,
    )
    # Lists of sources longer than this are folded (sources.html, chiffres-page.html): on a
    # phone they filled half a page.
    environment.globals["long_list"] = LONG_LIST
    environment.filters.update(
        nombre=french.number, date_fr=french.date, chiffre=french.figure, de=french.de, verbatim=verbatim, selon=french.selon
    )
    return environment


def verbatim(text: str) -> Markup:
    """A source's words exactly as written: escaped, but spared the French typography that
    `finalize` applies to our own text (an excerpt keeps its apostrophes and spaces)."""
    return Markup(escape(text))


ENVIRONMENT = _environment()


def template(name: str, **context) -> str:
    """One template of templates/, rendered with autoescaping (for the theme's blocks)."""
    return ENVIRONMENT.get_template(name).render(**context)


def html_block(html: str) -> str:
    """Raw HTML that Markdown keeps as one block: no blank line inside, blank lines around."""
    lines = [line for line in html.splitlines() if line.strip()]
    return "\n\n" + "\n".join(lines) + "\n\n"
