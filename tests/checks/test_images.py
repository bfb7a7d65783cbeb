"""Images in monographs and chapters (macros/checks/images.py): a file in docs/images/, written
by its path from the page, with its alternative text; a located French message otherwise."""

from __future__ import annotations

import re

from conftest import NBSP, NNBSP, g
from PIL import Image

CHAPTER = "docs/rapports/relancer-les-ptce/ce-qui-a-suivi.md"


def _append(project, relative: str, text: str) -> int:
    """Add text at the end of a file; the number of its first line."""
    before = project.read(relative).rstrip("\n")
    project.write(relative, before + "\n\n" + text)
    return before.count("\n") + 3


def _png(path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (37, 23), (180, 40, 40)).save(path)


def test_a_misplaced_or_missing_image_or_one_without_text_is_located(project):
    # Next to the monograph, where an editor would first put it.
    _png(project.path("monographs/eusko-billet.png"))
    beside = _append(project, "monographs/eusko.md", "![Un billet de 10 eusko](eusko-billet.png)\n")
    # In docs/images/, but with no alternative text, and one with a misspelt name.
    _png(project.path("docs/images/ptce-carte.png"))
    empty = _append(project, CHAPTER, "![](../../images/ptce-carte.png)\n")
    misspelt = _append(project, CHAPTER, "![La carte des PTCE](../../images/ptce-crate.png)\n")
    result = project.check()
    assert result.returncode == 1
    assert (
        f"monographs/eusko.md:{beside}:26: image {g('eusko-billet.png')} introuvable (cherchée à "
        f"{g('docs/monographies/eusko-billet.png')}). Le fichier {g('monographs/eusko-billet.png')} n'est pas publié à "
        f"cet endroit{NBSP}: déplacez-le dans docs/images/ et écrivez {g('![Un billet de 10 eusko](../images/eusko-billet.png)')}."
    ) in result.stderr
    assert f"{CHAPTER}:{empty}:1: image sans texte de remplacement{NBSP}: écrivez entre les crochets ce qu'elle montre" in result.stderr
    assert (
        f"{CHAPTER}:{misspelt}:22: image {g('../../images/ptce-crate.png')} introuvable (cherchée à "
        f"{g('docs/images/ptce-crate.png')}). Vouliez-vous dire {g('![La carte des PTCE](../../images/ptce-carte.png)')}{NNBSP}?"
    ) in result.stderr
    # The build stops on them too (it used to publish a broken image in docs/ without a word).
    build = project.build()
    assert build.returncode != 0 and "image sans texte de remplacement" in build.stderr


def test_an_image_in_docs_images_is_published_with_its_text(project):
    _png(project.path("docs/images/eusko-billet.png"))
    _append(project, "monographs/eusko.md", "![Un billet de 10 eusko](../images/eusko-billet.png)\n")
    _append(project, CHAPTER, "![Un billet de 10 eusko](../../images/eusko-billet.png)\n")
    check = project.check()
    assert check.returncode == 0, check.stderr
    build = project.build()
    assert build.returncode == 0, build.stderr
    site = project.root / "site"
    for page in ("monographies/eusko/index.html", "rapports/relancer-les-ptce/ce-qui-a-suivi/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        sources = re.findall(r'<img alt="Un billet de 10 eusko" src="([^"]+)"', html)
        assert len(sources) == 1, page
        assert ((site / page).parent / sources[0]).resolve() == (site / "images/eusko-billet.png").resolve()


def test_a_reference_image_is_checked_and_an_img_tag_refused(project):
    # A reference-style image whose file is missing, one whose reference is never defined, and
    # in a page of docs/ an <img>, whose path MkDocs leaves as is (the offline edition and the
    # PDFs would lose it): all were published silently.
    missing = _append(project, "monographs/eusko.md", "![Un billet][billet]\n\n[billet]: ../images/billet.png\n")
    undefined = _append(project, "monographs/eusko.md", "![La carte][carte-absente]\n")
    _png(project.path("docs/images/carte.png"))
    found = _append(project, "monographs/eusko.md", "![La carte][Carte  PTCE]\n\n[carte ptce]: ../images/carte.png\n")
    tag = _append(project, CHAPTER, '<img src="../images/carte.png" alt="La carte">\n')
    result = project.check()
    assert result.returncode == 1
    errors = [line.strip() for line in result.stderr.splitlines() if ".md:" in line]
    assert (
        f"monographs/eusko.md:{missing}:1: image {g('../images/billet.png')} introuvable (cherchée à {g('docs/images/billet.png')})."
    ) in result.stderr
    assert f"monographs/eusko.md:{undefined}:1: image {g('![La carte][carte-absente]')} sans adresse{NBSP}:" in result.stderr
    assert (
        f"{CHAPTER}:{tag}:1: balise {g('<img>')}{NBSP}: son chemin n'est pas ajusté pour chaque édition (site, hors ligne, PDF)"
    ) in result.stderr
    assert f"{g('![La carte](../../images/carte.png)')}." in result.stderr
    # The reference defined (case and spaces aside) to a file that exists passes.
    assert not [line for line in errors if line.startswith(f"monographs/eusko.md:{found}:")]
    assert len(errors) == 3, errors
