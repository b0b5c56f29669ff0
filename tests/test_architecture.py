"""The shape of the code: modules import each other without a cycle, and no app imports
another app's views (shared page shapes are QuerySet methods, the shared detail view is
csx.public.generic)."""

import ast
import graphlib
import re
from pathlib import Path

import pytest
from django.conf import settings

# What this checks happens outside the database (marker outside_the_database): one CI pass only.
pytestmark = pytest.mark.outside_the_database

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


LAYERS = ["content", "serving", "public", "editorial"]
# What each layer must never import.
FORBIDDEN = {
    "content": {"editorial", "public"},
    "serving": {"editorial", "public"},
    "public": {"editorial"},
}


def layer_of(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "csx" and parts[1] in LAYERS else None


def crossings(below, above):
    return [
        f"{module} → {target}"
        for module, targets in import_graph().items()
        if layer_of(module) in below
        for target in targets
        if layer_of(target) in above
    ]


def test_content_and_serving_import_neither_editorial_nor_public():
    assert crossings({"content", "serving"}, {"editorial", "public"}) == []


def test_public_pages_never_import_the_editorial_layer():
    assert crossings({"public"}, {"editorial"}) == []


def test_csx_itself_keeps_only_the_projects_own_files():
    # Everything else lives in a layer, in csx/models or csx/search, or in a nested app.
    top = sorted(file.stem for file in (ROOT / "csx").glob("*.py"))
    assert top == ["__init__", "apps", "asgi", "settings", "urls", "wsgi"]


def test_migrations_import_no_live_code_but_their_frozen_helpers():
    # A migration runs against the models of its time: a function it calls must not change
    # later. Django's own references to field classes and validators (`import x.y`) stay.
    imported = {
        f"{file.relative_to(ROOT)}: {node.module}"
        for top in ["csx", "stories", "principles"]
        for file in (ROOT / top).rglob("migrations/*.py")
        for node in ast.walk(ast.parse(file.read_text()))
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.split(".")[0] in {"csx", "stories", "principles"}
        and node.module != "csx.migrations._roles"
    }
    assert imported == set()


def test_the_graph_is_read_as_meant():
    # The tests above read the code as text: check they see what the code does.
    graph = import_graph()
    assert "csx.models" in graph["stories.models"]  # from csx.models import Content
    assert "csx.public.generic" in graph["stories.views"]  # the shared detail view
    assert is_views("csx.public.views.embeds") and not is_views("csx.public.generic")
    assert "csx.content.registry" in graph["csx.editorial.usage"]  # from csx.content import …
    assert layer_of("csx.public.views.pages") == "public" and layer_of("csx.models") is None


def test_one_module_knows_where_an_item_is_edited():
    # Eight copies of the admin's URL pattern once drifted apart (quoting, a missing
    # NoReverseMatch): every link to an item's admin form goes through admin_links.
    spelling = re.compile(r"""admin:[^"']*_change["']""")
    spelled_out = [
        str(file.relative_to(ROOT))
        for file in project_modules().values()
        if spelling.search(file.read_text())
    ]
    assert spelled_out == ["csx/content/admin_links.py"]


def status_writes(tree):
    """Lines where code sets an item's workflow status: `x.status = Status.…`, or
    `status=Status.…` given to a constructor, create() or update() (not to a filter)."""

    def is_status(value):
        return (
            isinstance(value, ast.Attribute)
            and isinstance(value.value, ast.Name)
            and value.value.id == "Status"
        )

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and is_status(node.value):
            if any(isinstance(t, ast.Attribute) and t.attr == "status" for t in node.targets):
                yield node.lineno
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            writes = name in {"create", "update", "update_or_create", "get_or_create"}
            if writes or name[:1].isupper() and name != "Q":
                for keyword in node.keywords:
                    if keyword.arg == "status" and is_status(keyword.value):
                        yield node.lineno


def test_no_workflow_step_is_taken_outside_the_editorial_service():
    # Every change of state goes through csx/editorial/ (its table: workflow.py). The seed
    # loader publishes the library's own reviewed content when a site is set up; it sits
    # in the content layer, which may not call the editorial one.
    outside = [
        f"{file.relative_to(ROOT)}:{line}"
        for name, file in project_modules().items()
        if layer_of(name) != "editorial" and name != "csx.content.seed"
        for line in status_writes(ast.parse(file.read_text()))
    ]
    assert outside == []


def test_the_status_check_sees_a_write():
    # The check above reads code as text: it finds the kinds of write it is meant to.
    code = (
        "item.status = Status.PUBLISHED\nStory(status=Status.DRAFT)\nx.filter(status=Status.DRAFT)"
    )
    assert list(status_writes(ast.parse(code))) == [1, 2]
