"""Pages at addresses that must keep working (checks/addresses.py): a former id's address
sends the reader on to the current page; a withdrawn initiative's address says so, and where
to look instead.

A redirect is a small static HTML file at the former address, in either edition
(`monographies/<ancien-id>/index.html` online, `monographies/<ancien-id>.html` offline, where
the site is read from file://, which no server redirects): a `<meta http-equiv="refresh">`,
which the Content-Security-Policy leaves alone (it governs what a page loads, not where it
goes), and a visible link for whoever's browser does not follow it; a small script of the site
(redirection.js, no inline script) goes first and keeps the « #section » of the address, which
the refresh would drop. No theme: nothing else to load before leaving. Search engines are told the page's real address (canonical,
when the site's address is known) and not to index this one.

A withdrawn initiative's page is a page of the site like the others (theme, navigation,
« Proposer une correction »), made from its entry of data/retraits.yaml, kept out of search.
"""

from __future__ import annotations

import posixpath

from mkdocs.structure.files import File, Files

from macros import csp, french
from macros.layout import monograph_uri
from macros.renderer import share
from macros.renderer.templating import template

SCRIPT = "assets/javascripts/redirection.js"
# A withdrawn initiative's page stays out of the search: it is about nothing any more.
WITHDRAWN_FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n"


def redirect_uri(former_id: str, use_directory_urls: bool) -> str:
    """Where the page of an id is written, in the site, for the edition's kind of addresses."""
    return f"monographies/{former_id}/index.html" if use_directory_urls else f"monographies/{former_id}.html"


def add_files(files: Files, config, catalogue) -> None:
    """A redirect at each former id's address; a page at each withdrawn initiative's."""
    for initiative in catalogue.initiatives:
        target = files.get_file_from_path(monograph_uri(initiative["id"]))
        assert target is not None  # the plugin generated every initiative's page before
        for former_id in initiative.get("anciens_ids", []):
            uri = redirect_uri(former_id, config.use_directory_urls)
            placeholder = File.generated(config, uri, content="")
            html = redirect_page(
                initiative["nom"],
                target.url_relative_to(placeholder),
                share.online_url(config.site_url or "", target.src_uri),
                config.site_name,
                posixpath.relpath(SCRIPT, posixpath.dirname(uri)),
            )
            files.append(File.generated(config, uri, content=html))
    for withdrawn in catalogue.records.get("retraits", []):
        files.append(File.generated(config, monograph_uri(withdrawn["id"]), content=WITHDRAWN_FRONT_MATTER))


def redirect_page(name: str, relative_url: str, canonical: str, site_name: str, script: str) -> str:
    """The HTML left at a former address: straight on to the page, by itself or by its link."""
    html = template(
        "redirection.html", nom=french.typography(name), url=relative_url, canonical=canonical, site_name=site_name, script=script
    )
    return csp.protect(html)


def withdrawn_title(withdrawn: dict) -> str:
    return french.typography(f"{withdrawn['nom']} : monographie retirée")


def withdrawn_markdown(renderer, withdrawn: dict) -> str:
    """The text of a withdrawn initiative's page: when, why, and where to look instead."""
    return renderer._render("retrait.html", retrait=withdrawn)
