"""The shape of the code: modules import each other without a cycle, and no app imports
another app's views (shared page shapes are QuerySet methods, the shared detail view is
csx.generic)."""

import ast
import graphlib
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["csx.paths", "csx", "stories", "principles"]  # the nested app before its parent


def project_modules():
    """{dotted name: file} for the shipped code (not migrations, tests or bench/)."""
    modules = {}
    for top in ["csx", "stories", "principles"]:
        for file in (ROOT / top).rglob("*.py"):
            parts = file.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = file
    return modules


def import_graph():
    """{module: the project modules it imports}, function-level imports included."""
    modules = project_modules()
    graph = {}
    for name, file in modules.items():
        imported = set()
        for node in ast.walk(ast.parse(file.read_text())):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    imported.add(target)
        graph[name] = imported
    return graph


def app_of(module):
    return next(app for app in APPS if module == app or module.startswith(f"{app}."))


def is_views(module):
    return "views" in module.split(".")


def test_the_import_graph_has_no_cycle():
    try:
        list(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' → '.join(error.args[1])}")


def test_no_app_imports_another_apps_views():
    crossings = [
        f"{module} → {target}"
        for module, targets in import_graph().items()
        for target in targets
        if is_views(target) and app_of(target) != app_of(module)
    ]
    assert crossings == []


def test_the_graph_is_read_as_meant():
    # The tests above read the code as text: check they see what the code does.
    graph = import_graph()
    assert "csx.models" in graph["stories.models"]  # from csx.models import Content
    assert "csx.generic" in graph["stories.views"]  # the shared detail view
    assert is_views("csx.views.embeds") and not is_views("csx.generic")
