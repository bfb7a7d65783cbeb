"""The search index: weighted postings cut into small chunks, one text file per document.

Everything is computed at build time, so that the browser only adds numbers up:

- each (term, document) pair gets its BM25F weight (title, headings and text weighted
  apart), rounded to an integer, negative when the term is in the document's title (the
  browser ranks first the pages whose title holds the query's words);
- a name written with an inner apostrophe or hyphen (« Clus’Ter ») is indexed by its parts
  and joined (« cluster »), counted in the field's terms but not in its length;
- postings are grouped by the first letters of their term into chunks of about
  CHUNK_BYTES, so that a query downloads the few chunks of its own words, never the whole
  index (`termes/<clé>.js`);
- a summary (`sommaire.js`) lists the chunk keys, the vocabulary of words (for prefixes and
  typos), the glossary's acronyms with their long forms, and the documents of secondary
  kinds (glossary entries, corrections log), ranked after the others unless named;
- the text of each document, for the excerpt under a result, is a file of its own
  (`pages/<n>.js`), loaded only when that document is shown.

Every file is a script calling `LaboSearch.received(name, data)`: a `<script>` element loads it
over http and from file:// alike, where fetch() is refused.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from macros.search.kinds import SECONDARY_KINDS
from macros.search.normalisation import RULES, index_terms, terms

CHUNK_BYTES = 24_000  # a chunk is split by one more letter past this estimate
MAX_KEY = 5
TEXT_CHARS = 20_000  # text kept per document for excerpts (huge list pages are cut)
# BM25F: (weight, length normalisation) of each field, then k1.
FIELDS = {"titre": (8.0, 0.5), "intertitres": (2.5, 0.5), "texte": (1.0, 0.75)}
K1 = 1.2
SCALE = 100  # weights are stored as integers: weight × SCALE


@dataclass
class Document:
    url: str
    title: str
    kind: str
    section: str  # the report or part it belongs to, or ""
    sections: list[tuple[str, str, str]]  # (anchor, heading, text)
    indexed_title: str | None = None  # what the title field indexes, when not the title shown


def _chunk_key(term: str, length: int) -> str:
    return term[:length]


def _script(name: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'LaboSearch.received("{name}",{payload});\n'


class IndexBuilder:
    """Documents in, index files out; linear in the size of the text."""

    def __init__(self, glossary: list[tuple[str, str]]):
        self.documents: list[Document] = []
        self.lengths: list[tuple[int, ...]] = []
        self.postings: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
        # Long forms of the glossary, as sequences of terms, by their first term.
        self.long_forms: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
        self.acronyms: list[tuple[str, list[str]]] = []
        for acronym, long_form in glossary:
            sequence = terms(_without_parentheses(long_form))
            acronym_terms = terms(acronym)
            if len(sequence) >= 2 and len(acronym_terms) == 1:
                self.long_forms[sequence[0]].append((sequence, acronym_terms[0]))
                self.acronyms.append((acronym_terms[0], sequence))

    def add(self, document: Document) -> None:
        number = len(self.documents)
        self.documents.append(document)
        texts = {
            "titre": document.title if document.indexed_title is None else document.indexed_title,
            "intertitres": " ".join(heading for _, heading, _ in document.sections),
            "texte": " ".join(text for _, _, text in document.sections),
        }
        analysed = {name: index_terms(text) for name, text in texts.items()}
        fields = {name: sequence for name, (sequence, _) in analysed.items()}
        counts = []
        for name, sequence in fields.items():
            counted = Counter(sequence)
            # « Clus’Ter » is also « cluster », for whoever types it joined.
            counted.update(analysed[name][1])
            # A long form written out counts as its acronym (« société coopérative d’intérêt
            # collectif » is found by « SCIC »).
            for first in counted.keys() & self.long_forms.keys():
                for long_form, acronym in self.long_forms[first]:
                    if all(part in counted for part in long_form):
                        counted[acronym] += _occurrences(sequence, long_form)
            counts.append(counted)
        self.lengths.append(tuple(len(sequence) for sequence in fields.values()))
        title, headings, text = counts
        for term in title.keys() | headings.keys() | text.keys():
            frequencies = (title.get(term, 0), headings.get(term, 0), text.get(term, 0))
            if any(frequencies):  # a long form absent from the field adds its acronym with 0
                self.postings[term].append((number, *frequencies))

    def weights(self) -> dict[str, list[tuple[int, int]]]:
        """(document, weight) of every term, BM25F, as integers; negative when in the title."""
        total = max(1, len(self.documents))
        averages = [max(1.0, sum(lengths[i] for lengths in self.lengths) / total) for i in range(3)]
        settings = list(FIELDS.values())
        weighted = {}
        for term, postings in self.postings.items():
            idf = math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
            rows = []
            for number, *frequencies in postings:
                lengths = self.lengths[number]
                # Length normalisation lowers long fields but never raises short ones: a
                # glossary definition of twenty words must not outrank the page on the subject.
                tf = sum(
                    boost * f / max(1.0 if i else 0.0, 1 - b + b * lengths[i] / averages[i])
                    for i, ((boost, b), f) in enumerate(zip(settings, frequencies))
                    if f
                )
                weight = max(1, round(SCALE * idf * tf * (K1 + 1) / (tf + K1)))
                rows.append((number, -weight if frequencies[0] else weight))
            weighted[term] = rows
        return weighted

    def write(self, folder: Path) -> dict:
        """Write the index into folder (recherche/); return its figures."""
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("**/*.js"):
            old.unlink()
        (folder / "termes").mkdir(exist_ok=True)
        (folder / "pages").mkdir(exist_ok=True)
        encoded = {term: _encode(rows) for term, rows in self.weights().items()}
        chunks = _chunks(encoded)
        for key, members in chunks.items():
            name = f"termes/{key}"
            (folder / f"{name}.js").write_text(_script(name, {t: encoded[t] for t in sorted(members)}), encoding="utf-8")
        for number, document in enumerate(self.documents):
            name = f"pages/{number}"
            data = {"u": document.url, "t": document.title, "k": document.kind, "p": document.section, "s": _cut(document.sections)}
            (folder / f"{name}.js").write_text(_script(name, data), encoding="utf-8")
        vocabulary = sorted(term for term in encoded if not term.isdigit())
        summary = {
            "documents": len(self.documents),
            "cles": sorted(chunks),
            "vocabulaire": " ".join(vocabulary),
            "frequences": [len(self.postings[term]) for term in vocabulary],
            "sigles": self.acronyms,
            "secondaires": [number for number, document in enumerate(self.documents) if document.kind in SECONDARY_KINDS],
        }
        (folder / "sommaire.js").write_text(_script("sommaire", summary), encoding="utf-8")
        return {"documents": len(self.documents), "termes": len(encoded), "morceaux": len(chunks)}


def _encode(rows: list[tuple[int, int]]) -> list[int]:
    """[gap, weight, gap, weight…]: documents as gaps from the previous one (small numbers);
    a weight keeps its sign (negative: the term is in the document's title)."""
    flat: list[int]
    flat, previous = [], 0
    for number, weight in rows:
        flat += (number - previous, weight)
        previous = number
    return flat


def _chunks(encoded: dict[str, list[int]]) -> dict[str, list[str]]:
    """Terms grouped by their first letters: two, or more where a group is too large."""
    result: dict[str, list[str]] = {}

    def place(group: list[str], length: int) -> None:
        key = _chunk_key(group[0], length)
        size = sum(len(term) + 2 * len(encoded[term]) + 4 for term in group)
        if size <= CHUNK_BYTES or length >= MAX_KEY:
            result[key] = group
            return
        # Split by one more letter; terms no longer than the key stay in it.
        staying, longer = [], defaultdict(list)
        for term in group:
            (staying.append(term) if len(term) <= length else longer[term[: length + 1]].append(term))
        if staying:
            result[key] = staying
        for subgroup in longer.values():
            place(subgroup, length + 1)

    by_prefix = defaultdict(list)
    for term in encoded:
        by_prefix[term[:2]].append(term)
    for group in by_prefix.values():
        place(group, 2)
    return result


def _cut(sections: list[tuple[str, str, str]]) -> list[list[str]]:
    kept, room = [], TEXT_CHARS
    for anchor, heading, text in sections:
        kept.append([anchor, heading, text[: max(0, room)]])
        room -= len(text)
    return kept


def _occurrences(sequence: list[str], part: list[str]) -> int:
    size = len(part)
    return sum(1 for i in range(len(sequence) - size + 1) if sequence[i : i + size] == part)


def _without_parentheses(text: str) -> str:
    return re.sub(r"\([^)]*\)", " ", text)


def rules_script() -> str:
    """The normalisation rules, for the browser (assets/javascripts/recherche-regles.js)."""
    rules = {key: value for key, value in RULES.items() if key != "_"}
    return (
        "/* Règles de la recherche, générées depuis macros/search/regles.json : ne pas modifier ici. */\n"
        f"window.LaboSearchRules = {json.dumps(rules, ensure_ascii=False)};\n"
    )
