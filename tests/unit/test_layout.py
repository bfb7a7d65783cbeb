"""The code's layout (DEVELOPING.md): macros/ follows the flow of a build, and imports never
run back against it, so that a module can be read knowing only the stages before it."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "macros"
# The stages of a build, in order: a module imports only from its own stage or earlier ones.
# Stage 0 holds the small leaves every step shares (messages, French typography, where pages
# live, the security policy, the editions' list, the plugin's options, MkDocs' French log).
STAGES = {
    "problems": 0,
    "french": 0,
    "layout": 0,
    "csp": 0,
    "editions": 0,
    "config": 0,
    "build_log": 0,
    "model": 1,
    "page_macros": 2,
    "checks": 2,
    "pages": 3,
    "renderer": 4,
    "search": 4,
    "plugin": 5,
    "commands": 5,
    "": 5,
}


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(module: str) -> set[str]:
    """The modules of ours a module imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "macros":
            assert node.level == 0, f"{module}: relative import"
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "macros"}
    return found


def _stage(module: str) -> int:
    parts = module.split(".")
    return STAGES[parts[1] if len(parts) > 1 else ""]


def test_every_module_belongs_to_a_stage():
    unknown = sorted(module for module in MODULES if module.count(".") and module.split(".")[1] not in STAGES)
    assert not unknown


def test_no_import_runs_against_the_flow():
    against = [
        f"{module} → {target}" for module in sorted(MODULES) for target in sorted(_imports(module)) if _stage(target) > _stage(module)
    ]
    assert not against


def test_a_package_s_modules_do_not_import_its_init():
    # A child reaching for its package's __init__ drags in every sibling (and makes cycles).
    offenders = [
        module
        for module in MODULES
        if MODULES[module].name != "__init__.py" and module.rsplit(".", 1)[0] in _imports(module) and module.count(".") > 1
    ]
    assert not offenders


def test_there_is_no_import_cycle():
    graph = {module: _imports(module) & set(MODULES) for module in MODULES}
    state: dict[str, int] = {}
    cycles = []

    def visit(module, path):
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append(" → ".join(path[path.index(target) :] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles


def test_the_top_of_the_package_stays_small_and_names_are_unique():
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 10, top
    shared = {"__init__.py", "plugin.py", "config.py"}
    names = Counter(path.name for path in PACKAGE.rglob("*.py") if path.name not in shared)
    assert [name for name, count in names.items() if count > 1] == []
