"""The search's reading of a built page (macros/search/extract.py): sections, headings and
glossary entries, with what is marked as left out left out. The same expectations held for
the html.parser reader it replaced (for speed)."""

from __future__ import annotations

from macros.search.extract import page_text

PAGE = """<h1 id="titre">Le titre<a class="headerlink" href="#titre" title="Lien">&para;</a></h1>
<p>Premier&nbsp;paragraphe, <strong>gras</strong> et <a href="x" title="a &gt; b">lien</a>.<br>Suite<br/>fin.</p>
<!-- <p>un commentaire</p> -->
<div data-search-exclude><div>exclu <span>aussi</span></div>encore exclu</div>
<p title='une valeur "citée" avec >'>Après l’exclusion &amp; une esperluette.</p>
<svg viewBox="0 0 10 10"><title>dessin</title><rect/></svg>
<h2 id="deux">Deuxième <em>partie</em></h2>
<ul><li>un</li><li>deux</li></ul><table><tr><td>a</td><td>b</td></tr></table>
<dl class="labo-glossaire">
<dt id="sigle-ess"><abbr title="économie sociale et solidaire">ESS</abbr>&nbsp;: économie sociale et solidaire</dt>
<dd><p>Définition</p><p>en deux</p></dd>
</dl>
<h3 id="trois">Trois</h3><p>Texte final <button data-search-exclude type="button">Copier</button>ici.</p>"""


def test_sections_headings_and_glossary():
    title, sections, entries = page_text(PAGE)
    assert title == "Le titre"
    assert [(s.anchor, s.heading, s.joined()) for s in sections] == [
        ("titre", "", "Premier paragraphe, gras et lien. Suite fin. Après l’exclusion & une esperluette."),
        ("deux", "Deuxième partie", "un deux a b"),
        ("trois", "Trois", "Texte final ici."),
    ]
    assert [(e.anchor, e.term, e.definition) for e in entries] == [
        ("sigle-ess", "ESS : économie sociale et solidaire", "Définitionen deux")
    ]
