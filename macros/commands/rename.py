"""`make renommer ANCIEN=<id> NOUVEAU=<id>`: give an initiative a new id, in one step.

Usage: python -m macros.commands.rename ANCIEN NOUVEAU [--projet DOSSIER]

What changes, and only that, each file rewritten line by line (every other byte kept):
- data/initiatives.yaml: the entry's `id`, the former id added to its `anciens_ids` (its old
  address then sends readers to the new one, and its key figures keep their ids), and the
  entry moved to its place in id order;
- monographs/<ancien>.md renamed monographs/<nouveau>.md;
- the links to monographies/<ancien>.md in docs/ and monographs/, and the calls
  fiche_initiative("<ancien>") of docs/;
- the `initiative: <ancien>` of the other data files (ptce.yaml, retraits.yaml).
The corrections log (data/journal.yaml) keeps its history as written: an entry may name a
former id, read as the current one. The data is checked before anything is written, and again
after: if the result does not pass, every file is put back as it was.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from pathlib import Path

from macros.checks.validate import load_catalogue
from macros.commands.new import read_list
from macros.layout import monograph_uri
from macros.model.collections import DataPaths
from macros.model.entry_blocks import split_entries
from macros.model.yaml_source import YamlDocument, read_text
from macros.page_macros import PAGE_MACROS
from macros.problems import NBSP, NNBSP, DataError, guillemets, plural, suggestion

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# A link's target in Markdown: [texte](cible "titre") and [réf]: cible.
_INLINE_LINK = re.compile(r"\]\(\s*<?(?P<target>[^)\s>]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s|$)", re.M)
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")
_INITIATIVE_MACROS = [macro.name for macro in PAGE_MACROS if macro.arguments and macro.arguments[0].rstrip("?") == "initiative"]


class RenameError(Exception):
    """Why the rename cannot be done, in French, for the editor."""


def _replace_scalar(lines: list[str], position: tuple[int, int], old: str, new: str) -> None:
    """Replace the value `old` written at (line, column), quoted or not."""
    line, column = position
    text = lines[line - 1]
    start = column - 1
    if text[start : start + 1] in ("'", '"'):
        start += 1
    assert text[start : start + len(old)] == old, (text, position)
    lines[line - 1] = text[:start] + new + text[start + len(old) :]


def _newline(lines: list[str]) -> str:
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


def _renamed_entry(text: str, document: YamlDocument, index: int, old: str, new: str) -> str:
    """The data file with the entry's id changed, the old one added to its anciens_ids, and
    the entry moved to its place in id order."""
    lines = _LINE.findall(text)
    entry = document.data[index]
    formers = entry.get("anciens_ids")
    # The id first: the lines added below do not move its line.
    _replace_scalar(lines, document.position((index, "id")), old, new)
    if isinstance(formers, list) and formers:
        last_line, last_column = document.position((index, "anciens_ids", len(formers) - 1))
        opening = document.position((index, "anciens_ids"))
        if lines[opening[0] - 1][opening[1] - 1] == "[":
            # A flow list: « [a, b] » on its line becomes « [a, b, old] ».
            row = lines[last_line - 1]
            close = row.index("]", last_column - 1)
            lines[last_line - 1] = f"{row[:close]}, {old}{row[close:]}"
        else:
            # A block list: one more « - old » line, written as the last one is.
            row = lines[last_line - 1]
            lines.insert(last_line, f"{row[: last_column - 1]}{old}{_newline(lines)}")
    else:
        key_line, key_column = document.position((index, "id"), key=True)
        lines.insert(key_line, f"{' ' * (key_column - 1)}anciens_ids: [{old}]{_newline(lines)}")
    renamed = "".join(lines)
    after, problems = read_text(renamed, document.path)
    blocks = split_entries(renamed, after)
    if problems or blocks is None:
        return renamed
    blocks.insert(new, blocks.remove(index))
    return blocks.text()


def _relinked(text: str, page_uri: str, old: str, new: str) -> tuple[str, int]:
    """A Markdown text with its links to the old monograph pointed at the new one; how many."""
    target_uri = monograph_uri(old)
    count = 0

    def retarget(match: re.Match) -> str:
        nonlocal count
        target = match.group("target")
        path, hash_sign, anchor = target.partition("#")
        if not path or "://" in path or path.startswith(("/", "mailto:")):
            return match.group(0)
        if posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path)) != target_uri:
            return match.group(0)
        count += 1
        start, end = match.span("target")
        fixed = path[: -len(f"{old}.md")] + f"{new}.md" + hash_sign + anchor
        return match.group(0)[: start - match.start()] + fixed + match.group(0)[end - match.start() :]

    text = _INLINE_LINK.sub(retarget, text)
    text = _REFERENCE.sub(retarget, text)
    for name in _INITIATIVE_MACROS:
        text, calls = re.subn(rf"(\b{name}\(\s*)([\"']){re.escape(old)}\2", rf"\g<1>\g<2>{new}\g<2>", text)
        count += calls
    return text, count


def _initiative_references(value, path: tuple):
    """The paths of the values written under a key « initiative » (ptce, retraits)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "initiative" and isinstance(item, str):
                yield path + (key,), item
            else:
                yield from _initiative_references(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _initiative_references(item, path + (index,))


def plan(paths: DataPaths, old: str, new: str) -> tuple[dict[Path, str], list[tuple[Path, Path]], list[str]]:
    """What the rename writes: new texts by file, files to rename, and a line per change."""
    if not _SLUG.fullmatch(new):
        raise RenameError(
            f"identifiant {guillemets(new)} invalide{NBSP}: minuscules sans accents, chiffres et tirets seulement (ex. tiers-lieu-exemple)."
        )
    data = paths.data("initiatives.yaml")
    try:
        catalogue = load_catalogue(paths)
    except DataError as error:
        raise RenameError(f"{error.report()}\nmake renommer n'a rien écrit{NBSP}: corrigez d'abord ces points.") from None
    initiatives = {item["id"]: item for item in catalogue.initiatives}
    formers = {former: item["id"] for item in catalogue.initiatives for former in item.get("anciens_ids", [])}
    withdrawn = {item["id"] for item in catalogue.records.get("retraits", [])}
    if old not in initiatives:
        if old in formers:
            raise RenameError(
                f"{guillemets(old)} est un ancien id de l'initiative {guillemets(formers[old])}{NNBSP}; renommez-la par son id actuel."
            )
        close = suggestion(old, list(initiatives))
        hint = f" Vouliez-vous dire {guillemets(close)}{NNBSP}?" if close else ""
        raise RenameError(f"aucune initiative n'a l'id {guillemets(old)} dans {paths.display(data)}.{hint}")
    if new == old:
        raise RenameError(f"{guillemets(new)} est déjà l'id de cette initiative.")
    taken = (
        "l'id d'une autre initiative"
        if new in initiatives
        else f"un ancien id de l'initiative {guillemets(formers[new])} (son ancienne adresse y mène)"
        if new in formers
        else "l'id d'une monographie retirée (data/retraits.yaml)"
        if new in withdrawn
        else None
    )
    if taken:
        raise RenameError(f"{guillemets(new)} est déjà {taken}{NNBSP}; choisissez un autre id.")
    monograph = paths.monographs() / f"{old}.md"
    target = paths.monographs() / f"{new}.md"
    if target.exists():
        raise RenameError(f"{paths.display(target)} existe déjà{NBSP}: make renommer n'écrase aucun fichier.")
    document, report = read_list(paths, data, "make renommer")
    if report or document is None:
        raise RenameError(report or "")
    index = next(number for number, item in enumerate(document.data) if item.get("id") == old)
    texts = {data: _renamed_entry(data.read_text(encoding="utf-8"), document, index, old, new)}
    changes = [f"{paths.display(data)}{NBSP}: id {guillemets(new)}, {guillemets(old)} ajouté à anciens_ids, entrée rangée à sa place"]
    moves = [(monograph, target)] if monograph.is_file() else []
    if moves:
        changes.append(f"{paths.display(monograph)} renommé {paths.display(target)}")
    docs = paths.project_dir / paths.docs_dir
    pages = [(path, path.relative_to(docs).as_posix()) for path in sorted(docs.rglob("*.md"))]
    pages += [(path, monograph_uri(path.stem)) for path in sorted(paths.monographs().glob("*.md"))]
    for path, uri in pages:
        text = path.read_text(encoding="utf-8")
        relinked, count = _relinked(text, uri, old, new)
        if count:
            texts[target if path == monograph else path] = relinked
            changes.append(f"{paths.display(path)}{NBSP}: {plural(count, 'lien')} vers {guillemets(monograph_uri(new))}")
    for name, documents in catalogue.documents.items():
        if name in ("initiatives", "journal"):
            continue  # the journal keeps its history: a former id is read as the current one
        for found in documents:
            references = [path for path, value in _initiative_references(found.data, ()) if value == old]
            if references:
                file = paths.project_dir / found.path
                lines = _LINE.findall(file.read_text(encoding="utf-8"))
                for path in references:
                    _replace_scalar(lines, found.position(path), old, new)
                texts[file] = "".join(lines)
                changes.append(f"{found.path}{NBSP}: {plural(len(references), 'renvoi')} à l'initiative")
    return texts, moves, changes


def apply(paths: DataPaths, texts: dict[Path, str], moves: list[tuple[Path, Path]]) -> None:
    """Write the plan; if the data then fails the check, put every file back and raise."""
    saved = {path: path.read_bytes() if path.exists() else None for path in [*texts, *(source for source, _ in moves)]}
    try:
        for source, destination in moves:
            source.rename(destination)
        for path, text in texts.items():
            path.write_bytes(text.encode("utf-8"))
        load_catalogue(paths)
    except DataError as error:
        for _, destination in moves:
            destination.unlink(missing_ok=True)
        for path, content in saved.items():
            if content is not None:
                path.write_bytes(content)
        raise RenameError(
            f"{error.report()}\nmake renommer a tout remis comme avant{NBSP}: le renommage laisserait ces problèmes."
        ) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Change l'identifiant d'une initiative, partout en une fois.")
    parser.add_argument("ancien", help="l'id actuel de l'initiative")
    parser.add_argument("nouveau", help="son nouvel id : minuscules, chiffres et tirets")
    parser.add_argument("--projet", type=Path, default=Path.cwd(), help="dossier du projet (par défaut : le dossier courant)")
    arguments = parser.parse_args(argv)
    paths = DataPaths(arguments.projet)
    try:
        texts, moves, changes = plan(paths, arguments.ancien, arguments.nouveau)
        apply(paths, texts, moves)
    except RenameError as error:
        print(f"make renommer{NBSP}: {error}", file=sys.stderr)
        return 1
    old, new = arguments.ancien, arguments.nouveau
    print(f"Initiative {guillemets(old)} renommée {guillemets(new)}{NBSP}:", *(f"  - {change}" for change in changes), sep="\n")
    print(
        f"L'adresse monographies/{old}/ renverra vers monographies/{new}/{NNBSP}; le journal des modifications "
        f"peut continuer de nommer {guillemets(old)}. Lancez {guillemets('make check')}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
