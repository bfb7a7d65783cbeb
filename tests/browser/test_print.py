"""Print (issue 23, item 3): sentences stay whole, a numbered mark where each « selon … »
button stands, each note printed once after its section, the reading guide once with its
address, and a monograph short enough to print (pages counted in the PDF Chromium makes).
The offline bundle and the PDF editions follow the same rules: tests/editions/test_editions.py.
"""

from __future__ import annotations

import io

import pytest
from built_pages import open_page
from conftest import SITE_URL
from pypdf import PdfReader

EUSKO = "monographies/eusko/"
FIGURES = "rapports/relancer-les-ptce/chiffres-du-diagnostic/"
CHAPTER = "rapports/dynamiques-collectives/gouvernance/"
GUIDE = SITE_URL + "statuts/#qui-le-dit"

# What paper shows of the notes and of the buttons (print media emulated).
PRINTED = """() => {
  const shown = e => e.checkVisibility() && e.getBoundingClientRect().height > 0;
  const buttons = [...document.querySelectorAll('article .labo-qui')];
  return {
    marks: buttons.filter(shown).map(b => ({
      note: b.dataset.note || null,
      mark: getComputedStyle(b, '::after').content,
      label: shown(b.querySelector('.labo-qui__libelle')),
      target: b.getAttribute('popovertarget'),
    })),
    figureButtons: buttons.filter(b => b.classList.contains('labo-qui--en-liste')).filter(shown).length,
    notes: [...document.querySelectorAll('article .labo-provenance')].filter(shown).map(n => ({
      id: n.id, note: n.dataset.note || null, inNotes: !!n.closest('.labo-notes'),
      number: getComputedStyle(n, '::before').content, text: n.innerText.trim(),
    })),
    guides: [...document.querySelectorAll('article *')].filter(e => shown(e)
      && [...e.childNodes].some(t => t.nodeType === 3 && t.textContent.includes('Comment lire ces mentions')))
      .map(e => e.innerText),
  };
}"""


@pytest.mark.parametrize("path", [EUSKO, FIGURES, CHAPTER], ids=["monographie", "chiffres", "chapitre"])
def test_print_keeps_sentences_whole_and_prints_each_note_once_numbered(browser, base_url, path):
    page = open_page(browser, base_url + path)
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    marks, notes = printed["marks"], printed["notes"]
    assert len(marks) >= 3 and notes
    # In the sentence: a number, not « selon … » nor the note itself.
    for mark in marks:
        assert mark["note"] and mark["mark"] == f'"{mark["note"]}"' and not mark["label"], mark
    assert all(note["inNotes"] for note in notes), [note["text"][:60] for note in notes if not note["inNotes"]]
    # Each note once, numbered 1, 2, 3… in the order of the marks, the number printed before it.
    numbers = [int(note["note"]) for note in notes]
    assert numbers == list(range(1, len(notes) + 1))
    assert all(note["number"] == f'"{note["note"]}. "' for note in notes)
    assert len({note["text"] for note in notes}) == len(notes)
    by_id = {note["id"]: note["note"] for note in notes}
    assert all(by_id[mark["target"]] == mark["note"] for mark in marks)
    # A figure's button and note are left to the list of cited figures, which prints them in full.
    assert printed["figureButtons"] == 0
    # The reading guide once, with its address.
    assert len(printed["guides"]) == 1 and GUIDE in printed["guides"][0]
    page.close()


def test_on_screen_the_gathered_notes_take_no_room_and_open_from_their_buttons(browser, base_url):
    page = open_page(browser, base_url + EUSKO)
    blocks = page.locator(".labo-notes")
    assert blocks.count() >= 3
    assert all(box["height"] == 0 for box in blocks.evaluate_all("bs => bs.map(b => b.getBoundingClientRect())"))
    # Two buttons of one identical note open the same note.
    targets = page.locator("article .labo-qui").evaluate_all("bs => bs.map(b => b.getAttribute('popovertarget'))")
    shared = next(target for target in targets if targets.count(target) > 1)
    buttons = page.locator(f'article .labo-qui[popovertarget="{shared}"]')
    for index in (0, 1):
        buttons.nth(index).scroll_into_view_if_needed()
        buttons.nth(index).click()
        assert page.locator(f"#{shared}").is_visible()
        page.keyboard.press("Escape")
        assert not page.locator(f"#{shared}").is_visible()
    page.close()


def printed_pages(page) -> int:
    page.emulate_media(media="print")
    return len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)


def test_a_monograph_and_the_figures_chapter_print_on_few_a4_pages(browser, base_url):
    page = open_page(browser, base_url + EUSKO)
    # 30 pages before the notes were gathered (issue 23).
    assert printed_pages(page) <= 12
    page.goto(base_url + FIGURES, wait_until="networkidle")
    # 24 before; 12 when written.
    assert printed_pages(page) <= 16
    page.close()
