"""Merge-safe data: entries in id order (make new, make check, make trier), and when two
branches do conflict, nothing lost passes make check.

The conflicts are real ones: two git branches of a copy each add an initiative at the end of
data/initiatives.yaml, as an editor would by hand, and the merge is resolved the ways editors
resolve it (both versions kept line by line, one side only, a file renamed as suggested).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess

import pytest
from conftest import NBSP, NNBSP, ProjectCopy, g

from macros.checks.validate import load_catalogue
from macros.commands import new, sort
from macros.model.collections import DataPaths
from macros.model.schema import TODO

DATA = "data/initiatives.yaml"
_GIT_ENV = dict(
    os.environ,
    GIT_AUTHOR_NAME="Rédaction",
    GIT_AUTHOR_EMAIL="redaction@example.org",
    GIT_COMMITTER_NAME="Rédaction",
    GIT_COMMITTER_EMAIL="redaction@example.org",
)


def git(root, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, text=True, env=_GIT_ENV)


def run(module, project, *arguments: str) -> tuple[int, str, str]:
    """A command's main() on the copy, in this process: its status, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = module.main([*arguments, "--projet", str(project.root)])
    return code, out.getvalue(), err.getvalue()


def problems(result) -> list[str]:
    """The located problems of make check (the data has warnings of its own)."""
    assert "Traceback" not in result.stderr
    return [
        line.strip()
        for line in result.stderr.splitlines()
        if re.match(r"\s+\S+:\d+(:\d+)?: (?!avertissement)", line) or re.match(r"\s+\S+\.md: ", line)
    ]


def ids(text: str) -> list[str]:
    return re.findall(r"^- id: (\S+)", text, flags=re.M)


def in_order(project: ProjectCopy) -> ProjectCopy:
    assert run(sort, project)[0] == 0
    return project


def filled_entry(project: ProjectCopy, key: str, name: str, town: str) -> str:
    """The entry make new writes, filled in as an editor would."""
    text = new.entry_yaml(DataPaths(project.root), key)
    values = {
        "nom": name,
        "type": "tiers-lieu",
        "resume": f"Lieu partagé de {town}, ouvert aux associations et aux habitants.",
        "statut": "deduite",
        "justification": "Hypothèse de la rédaction, à partir d'un article de presse.",
        "commune": town,
        "departement": '"26"',
        "region": "Auvergne-Rhône-Alpes",
        "source": "labo-entretien",
        "texte": "Un passage de la source, recopié mot pour mot.",
        "ou": "chapeau",
    }
    for field, value in values.items():
        text = re.sub(rf"^(\s*(?:- )?{field}): {TODO}$", rf"\1: {value}", text, flags=re.M)
    return text.replace(f"sources: [{TODO}]", "sources: [labo-entretien]")


def monograph(name: str) -> str:
    sections = "".join(f"\n## {title}\n\nTexte de la section.\n" for title in new.MONOGRAPH_SECTIONS)
    return f"Le {name} est un lieu partagé, ouvert aux associations et aux habitants.\n{sections}"


ALPHA = ("tiers-lieu-alpha", "Tiers-lieu Alpha", "Crest")
BETA = ("tiers-lieu-beta", "Tiers-lieu Beta", "Valence")


@pytest.fixture(scope="module")
def conflict(tmp_path_factory):
    """Two branches that each append an initiative at the end of the data, by hand, and the
    merge of the second into the first: the data file with git's markers, and each monograph."""
    project = in_order(ProjectCopy(tmp_path_factory.mktemp("fusion") / "projet"))
    root = project.root
    assert git(root, "init", "-q", "-b", "main").returncode == 0
    git(root, "add", "data", "monographs")
    git(root, "commit", "-qm", "base")
    base = project.read(DATA)
    for branch, (key, name, town) in (("alpha", ALPHA), ("beta", BETA)):
        git(root, "checkout", "-q", "-b", branch, "main")
        project.write(DATA, base + "\n" + filled_entry(project, key, name, town))
        project.write(f"monographs/{key}.md", monograph(name))
        git(root, "add", "data", "monographs")
        assert git(root, "commit", "-qm", key).returncode == 0
    merge = git(root, "merge", "alpha")
    assert merge.returncode == 1 and f"CONFLICT (content): Merge conflict in {DATA}" in merge.stdout
    return project.read(DATA), {key: monograph(name) for key, name, _ in (ALPHA, BETA)}


def resolve(text: str, keep: str) -> str:
    """The conflict resolved as editors do: « both » versions line by line, « ours » or « theirs »."""
    kept, side = [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<<"):
            side = "ours"
        elif line.startswith("=======") and side:
            side = "theirs"
        elif line.startswith(">>>>>>>") and side:
            side = None
        elif side is None or keep in ("both", side):
            kept.append(line)
    return "".join(kept)


def merged(project: ProjectCopy, conflict, keep: str) -> ProjectCopy:
    text, texts = conflict
    in_order(project)
    for key, prose in texts.items():
        project.write(f"monographs/{key}.md", prose)
    project.write(DATA, resolve(text, keep))
    return project


# --- In id order ---------------------------------------------------------------------------


def test_make_new_inserts_the_entry_at_its_place_in_id_order(project):
    in_order(project)
    before = project.read(DATA)
    code, out, _ = run(new, project, "tiers-lieu-exemple")
    assert code == 0
    after = project.read(DATA)
    assert ids(after) == sorted(ids(before) + ["tiers-lieu-exemple"])
    assert f"avant {g('villages-du-futur')}" in out
    # Nothing else moved: the file is the old one with the new block in the middle.
    start = after.index("- id: tiers-lieu-exemple\n")
    end = after.index("- id: villages-du-futur\n")
    assert after[:start] + after[end:] == before
    assert after[start:end].endswith("\n\n")


def test_two_branches_that_each_make_new_merge_without_a_conflict(project):
    in_order(project)
    root = project.root
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "data", "monographs")
    git(root, "commit", "-qm", "base")
    for branch in ("atelier-exemple", "tiers-lieu-exemple"):
        git(root, "checkout", "-q", "-b", branch, "main")
        assert run(new, project, branch)[0] == 0
        git(root, "add", "data", "monographs")
        git(root, "commit", "-qm", branch)
    merge = git(root, "merge", "-q", "atelier-exemple", "-m", "fusion")
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert {"atelier-exemple", "tiers-lieu-exemple"} <= set(ids(project.read(DATA)))
    result = project.check()
    assert "conflit" not in result.stderr and "ordre" not in result.stderr
    # What is left is each entry's own placeholders.
    assert all("compléter" in line for line in problems(result))


def test_an_entry_out_of_order_is_refused_with_its_place_and_the_command(project):
    in_order(project)
    text = project.read(DATA)
    start = text.index("- id: chantrerie\n")
    end = text.index("- id: clus-ter-jura\n")
    project.write(DATA, text[:start] + text[end:] + "\n" + text[start:end].rstrip("\n") + "\n")
    line = project.read(DATA).splitlines().index("- id: chantrerie") + 1
    result = project.check()
    assert result.returncode == 1
    (message,) = problems(result)
    assert message.startswith(f"{DATA}:{line}:7: initiative {g('chantrerie')}, champ {g('id')}{NBSP}: entrée hors de l'ordre alphabétique")
    assert f"sa place est entre {g('biovallee')} et {g('clus-ter-jura')}" in message
    assert f"Lancez {g('make trier')}{NBSP}: il range les entrées sans rien changer d'autre." in message
    # The build does not stop on it (make check does): the pages are right whatever the order.
    load_catalogue(DataPaths(project.root))
    assert run(sort, project)[0] == 0
    assert project.check().returncode == 0


def entry_texts(text: str) -> dict[str, str]:
    """Each entry's lines, from its « - id: » line to the next one (blank lines excepted)."""
    starts = [match.start() for match in re.finditer(r"^- id: ", text, flags=re.M)]
    return {ids(text[a:])[0]: text[a:b].rstrip("\n") for a, b in zip(starts, starts[1:] + [len(text)])}


def test_make_trier_moves_whole_entries_byte_for_byte_and_is_deterministic(project):
    # Comments of every kind: a note above an entry, inside it, after a value, and CRLF lines.
    original = project.read(DATA)
    # The data is kept in order: the first entry moved to the end puts it out of order.
    first = original.index("- id: ")
    second = original.index("\n- id: ", first) + 1
    original = original[:first] + original[second:].rstrip("\n") + "\n\n" + original[first:second].rstrip("\n") + "\n"
    original = original.replace("- id: eusko\n", "# Note de la rédaction sur l'eusko.\n- id: eusko\n")
    original = original.replace("  nom: Eusko\n", "  nom: Eusko   # le nom d'usage\n  # un commentaire dans l'entrée\n")
    project.path(DATA).write_bytes(original.replace("\n", "\r\n").encode("utf-8"))
    code, out, _ = run(sort, project)
    assert code == 0 and f"1 entrée remise à sa place, les 9 entrées rangées par ordre des id{NNBSP}; " in out
    raw = project.path(DATA).read_bytes()
    sorted_text = raw.decode("utf-8").replace("\r\n", "\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert ids(sorted_text) == sorted(ids(original))
    before, after = entry_texts(original), entry_texts(sorted_text)
    assert before.keys() == after.keys()
    for key, block in before.items():
        # The note above eusko moves with it; the rest of each entry is the same text.
        assert after[key].removesuffix("\n\n# Note de la rédaction sur l'eusko.") == block.removesuffix(
            "\n\n# Note de la rédaction sur l'eusko."
        ), key
    assert "\n\n# Note de la rédaction sur l'eusko.\n- id: eusko\n" in sorted_text
    assert sorted_text.startswith(original[: original.index("- id: ")])
    # Sorting again changes nothing; the same file always gives the same bytes.
    code, out, _ = run(sort, project)
    assert code == 0 and "déjà dans l'ordre" in out and project.path(DATA).read_bytes() == raw
    project.path(DATA).write_bytes(original.replace("\n", "\r\n").encode("utf-8"))
    run(sort, project)
    assert project.path(DATA).read_bytes() == raw
    assert project.check().returncode == 0


def test_make_trier_writes_nothing_when_the_file_has_a_problem(project):
    project.replace(DATA, "  nom: Eusko\n", "  nom: Eusko\n  nom: Euskal Moneta\n")
    before = project.read(DATA)
    code, _, err = run(sort, project)
    assert code == 1 and f"clé {g('nom')} en double" in err and "make trier n'a rien écrit" in err
    assert project.read(DATA) == before


# --- When a conflict happens ---------------------------------------------------------------


def test_both_versions_kept_line_by_line_is_one_message_naming_the_two_entries(project, conflict):
    merged(project, conflict, "both")
    text = project.read(DATA)
    line = text.splitlines().index(f"- id: {BETA[0]}") + 1
    result = project.check()
    assert result.returncode == 1
    (message,) = problems(result)
    assert message.startswith(f"{DATA}:{line}:7: initiative {g(BETA[0])}{NBSP}: cette entrée s'arrête après {g('id')} et {g('nom')}")
    assert f"l'entrée suivante, {g(ALPHA[0])} (ligne {line + 3}), a des clés en double ({g('resume')}, lignes" in message
    assert "une fusion a mêlé les lignes de deux entrées" in message and "Rétablissez chaque entrée entière" in message
    assert "YAML ne garderait" not in message


def test_a_second_id_without_its_dash_is_one_message(project, conflict):
    merged(project, conflict, "both")
    line = project.replace(DATA, f"- id: {ALPHA[0]}\n", f"  id: {ALPHA[0]}\n")
    result = project.check()
    (message,) = problems(result)
    assert message.startswith(f"{DATA}:{line}:3: initiative {g(BETA[0])}{NBSP}: une deuxième clé {g('id')} dans cette entrée")
    assert f"ses clés en double ({g('nom')}, lignes" in message and "une fusion a mêlé" in message


@pytest.mark.parametrize(("keep", "kept", "lost"), [("ours", BETA, ALPHA), ("theirs", ALPHA, BETA)])
def test_one_side_kept_names_the_lost_entry_and_never_suggests_renaming_onto_a_file(project, conflict, keep, kept, lost):
    merged(project, conflict, keep)
    result = project.check()
    assert result.returncode == 1
    # The entry appended by hand after the last one is also out of order (make trier).
    order, (message,) = [[text for text in problems(result) if text.startswith(prefix)] for prefix in (DATA, "monographs/")]
    assert len(order) == 1 and "hors de l'ordre alphabétique" in order[0]
    assert message.startswith(f"monographs/{lost[0]}.md: aucune initiative n'a l'id {g(lost[0])}")
    assert "Vouliez-vous dire" not in message
    assert "rétablissez-la dans data/initiatives.yaml" in message
    assert f"ne le renommez pas en {g(kept[0] + '.md')}, qui est le texte d'une autre initiative" in message


def test_a_monograph_renamed_onto_the_other_file_is_refused(project, conflict):
    """The issue's trial: after keeping one side, the old suggestion renamed the lost
    initiative's text onto the kept one's file, and make check passed."""
    merged(project, conflict, "ours")
    project.path(f"monographs/{ALPHA[0]}.md").replace(project.path(f"monographs/{BETA[0]}.md"))
    result = project.check()
    assert result.returncode == 1
    (message,) = [text for text in problems(result) if text.startswith("monographs/")]
    assert message.startswith(f"monographs/{BETA[0]}.md:1:1: initiative {g(BETA[0])}{NBSP}: l'introduction ne nomme pas {g(BETA[1])}")
    assert f"est-ce bien son texte{NNBSP}?" in message


def test_a_monograph_that_names_another_initiative_says_which(project):
    in_order(project)
    project.write("monographs/figeacteurs.md", project.read("monographs/eusko.md"))
    result = project.check()
    message = next(line for line in problems(result) if line.startswith("monographs/figeacteurs.md"))
    assert (
        f"l'introduction ne nomme pas {g('Figeacteurs')}, l'initiative de ce fichier, mais {g('Eusko')}, le nom d’une autre initiative"
        in message
    )


def test_two_initiatives_with_the_same_name_are_refused(project):
    in_order(project)
    line = project.replace(DATA, "  nom: Figeacteurs\n", "  nom: Eusko\n")
    result = project.check()
    message = next(text for text in problems(result) if text.startswith(f"{DATA}:{line}:"))
    assert f"initiative {g('figeacteurs')}, champ {g('nom')}{NBSP}: {g('Eusko')} est déjà le nom de l'initiative {g('eusko')}" in message


def test_every_real_monograph_names_its_initiative(project):
    assert not [line for line in problems(in_order(project).check()) if "ne nomme pas" in line]
