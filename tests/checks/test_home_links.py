"""Links to a site's home page in the prose (macros/checks/home_links.py): in a monograph or
a page of docs/, a fact linked to « https://site.fr » is a located warning of `make check`
with the fix; a link that says it leads to a site (« site de … », « son site : … ») is not."""

from __future__ import annotations

from conftest import NBSP, NNBSP, g


def _with_home_link(project, relative: str, marker: str, precise: str, home: str) -> tuple[int, int]:
    """Replace, on the line holding `marker`, the link to `precise` by `home`; (line, column)."""
    lines = project.read(relative).split("\n")
    number = next(n for n, line in enumerate(lines) if marker in line and precise in line)
    lines[number] = lines[number].replace(precise, home, 1)
    project.write(relative, "\n".join(lines))
    return number + 1, lines[number].index(home) + 1


def test_a_link_to_a_home_page_is_a_located_warning_with_the_fix(project):
    # A fact of a monograph, and a sentence of a chapter, each linked to a home page.
    monograph = "monographs/biovallee.md"
    line, column = _with_home_link(
        project,
        monograph,
        "îlots",
        "[association Biovallée](https://biovallee.net/association-biovallee)",
        "[biovallee.net](https://biovallee.net/)",
    )
    page = "docs/rapports/relancer-les-ptce/methode.md"
    page_line, page_column = _with_home_link(
        project,
        page,
        "page du Labo",
        "[page du Labo](https://www.lelabo-ess.org/diagnostic-relancer-les-ptce.html)",
        "[page du Labo](https://www.lelabo-ess.org)",
    )
    result = project.check()
    # Warnings only: the check passes.
    assert result.returncode == 0, result.stderr
    # The domain as the link's text does not make it a source.
    assert (
        f"{monograph}:{line}:{column}: avertissement{NBSP}: le lien {g('biovallee.net')} mène à la page "
        f"d'accueil de biovallee.net{NBSP}: un lecteur n'y retrouve pas ce que la phrase affirme{NNBSP}; "
        f"liez la page précise (article, fiche, rapport). S'il n'y en a pas, dites-le dans le texte du lien "
        f"({g('site de …')}) et appuyez le fait sur une autre source."
    ) in result.stdout
    shown = f"{page}:{page_line}:{page_column}: avertissement{NBSP}: le lien {g('page du Labo')}"
    assert f"{shown} mène à la page d'accueil de lelabo-ess.org" in result.stdout
    # The site's own links that say they lead to a site (« [site de Mediatico](…) », « son site :
    # [lelabo-ess.org](…) », « par son [formulaire en ligne](…) ») are not warned: only the two above.
    assert result.stdout.count("mène à la page d'accueil de") == 2, result.stdout
