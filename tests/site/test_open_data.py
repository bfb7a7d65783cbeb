"""The open data as a Frictionless Data Package: valid for `frictionless validate`, derived
from our JSON Schemas, versioned with the edition."""

from __future__ import annotations

import csv
import datetime
import json
import os
import shutil
import subprocess
import sys

from conftest import PROJECT

from macros.renderer.columns import Column
from macros.renderer.exports import COLUMNS, INITIATIVE


def frictionless_validate(descriptor) -> dict:
    """`frictionless validate` (the command line of the library), its JSON report."""
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", str(descriptor), "--json"], capture_output=True, text=True, cwd=descriptor.parent
    )
    report = json.loads(result.stdout)
    assert (result.returncode == 0) == report["valid"], result.stderr
    return report


def test_built_data_package_is_valid_and_describes_every_csv(built_site):
    folder = built_site / "donnees"
    report = frictionless_validate(folder / "datapackage.json")
    assert report["valid"], [(task["name"], task["errors"][:3]) for task in report["tasks"]]
    assert report["stats"]["errors"] == 0
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    described = {resource["path"] for resource in package["resources"]}
    assert (
        described
        == {path.name for path in folder.glob("*.csv")}
        == {"initiatives.csv", "chiffres.csv", "sources.csv", "chiffres-sources.csv"}
    )
    # Every row was read: the tasks saw as many rows as the files have lines.
    for task in report["tasks"]:
        with (folder / task["place"]).open(encoding="utf-8-sig", newline="") as handle:
            rows = len(list(csv.reader(handle, delimiter=";"))) - 1
        assert task["stats"]["rows"] == rows > 0, task["name"]
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert [item["role"] for item in package["contributors"]] == ["publisher"]
    keys = {resource["name"]: resource["schema"].get("foreignKeys", []) for resource in package["resources"]}
    assert {key["reference"]["resource"] for key in keys["chiffres-sources"]} == {"chiffres", "sources"}
    assert keys["chiffres"][0]["fields"] == "initiative"


def test_a_broken_cell_fails_validation(built_site, tmp_path):
    copy = shutil.copytree(built_site / "donnees", tmp_path / "donnees")
    figures = (copy / "chiffres.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    header = figures[0].split(";")
    cells = figures[1].split(";")
    cells[header.index("valeur")] = "douze"
    figures[1] = ";".join(cells)
    (copy / "chiffres.csv").write_bytes(("\ufeff" + "\r\n".join(figures)).encode())
    links = (copy / "chiffres-sources.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    links[1] = links[1].split(";")[0] + ";source-inexistante;1"
    (copy / "chiffres-sources.csv").write_bytes(("\ufeff" + "\r\n".join(links)).encode())
    report = frictionless_validate(copy / "datapackage.json")
    assert not report["valid"]
    errors = {task["name"]: {(error["type"], error.get("fieldName")) for error in task["errors"]} for task in report["tasks"]}
    assert ("type-error", "valeur") in errors["chiffres"]
    assert any(kind == "foreign-key" for kind, _ in errors["chiffres-sources"]), errors["chiffres-sources"]


def test_table_schema_fields_follow_the_json_schemas(tmp_path):
    """Types and constraints are read from data/schemas: change the schema, the field follows."""
    schemas = shutil.copytree(PROJECT / "data" / "schemas", tmp_path / "schemas")
    region = COLUMNS["region"].field("region", schemas)
    source = json.loads((schemas / "initiatives.schema.json").read_text(encoding="utf-8"))
    assert region["constraints"]["enum"] == source["$defs"]["region"]["enum"]
    departement = COLUMNS["departement"].field("departement", schemas)
    assert departement["type"] == "string" and departement["constraints"]["pattern"].startswith("(0[1-9]")
    assert COLUMNS["annee"].field("annee", schemas)["type"] == "integer"
    assert COLUMNS["statut"].field("statut", schemas)["constraints"]["enum"][-1] == "ptce-cite"
    # An id is an initiative's (60 characters at most) or a PTCE's (80): the looser bound.
    assert COLUMNS["id"].field("id", schemas)["constraints"]["maxLength"] == 80
    source["$defs"]["region"]["enum"].append("Région nouvelle")
    schemas = shutil.copytree(PROJECT / "data" / "schemas", tmp_path / "schemas-modifies")
    (schemas / "initiatives.schema.json").write_text(json.dumps(source), encoding="utf-8")
    changed = Column("Région", "région", champs=(INITIATIVE + "territoire/region",)).field("region", schemas)
    assert changed["constraints"]["enum"][-1] == "Région nouvelle"


def test_edition_version_is_the_last_commit_day(built_site):
    epoch = (
        os.environ.get("SOURCE_DATE_EPOCH")
        or subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=PROJECT, capture_output=True, text=True).stdout.strip()
    )
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    version = day.strftime("%Y.%m.%d")
    package = json.loads((built_site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == version and package["created"].startswith(day.date().isoformat())
    footer = (built_site / "index.html").read_text(encoding="utf-8")
    assert f"(version\u00a0{version})" in footer.replace("&nbsp;", "\u00a0")
