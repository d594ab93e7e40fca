"""The package's layout rules (docs/architecture.md): they keep it readable as it grows."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "wagtail_charte"
MAX_LINES = 300
# Imports inside functions, and why each one cannot be at the top of its module.
FUNCTION_IMPORTS = {
    # Django's app loading: signal handlers and wagtail-localize's field declarations need
    # every app's models, so they are imported once the registry is ready.
    ("apps", "signal_handlers"),
    ("apps", "register.localize"),
    ("apps", "checks"),
    # wagtail-localize is an optional dependency; only its own code calls these methods.
    ("blocks", "wagtail_localize.segments"),
    ("blocks", "wagtail_localize.segments.extract"),
    ("blocks", "wagtail_localize.segments.ingest"),
}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def module_name(path):
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path, node):
    """The modules an import statement names, the package's own relative to the package."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        package = module_name(path).split(".") if path.name == "__init__.py" else None
        package = package or module_name(path).split(".")[:-1]
        base = [part for part in package[: len(package) - node.level + 1] if part]
        target = ".".join([*base, *([node.module] if node.module else [])])
    else:
        target = node.module.removeprefix("wagtail_charte").lstrip(".")
    return [
        _module_or_package(f"{target}.{alias.name}".lstrip("."), target) for alias in node.names
    ]


def _module_or_package(name, package):
    """`from package import name` imports module `name` if there is one, else `package`."""
    path = PACKAGE / name.replace(".", "/")
    return name if path.with_suffix(".py").exists() or (path / "__init__.py").exists() else package


def import_graph():
    """{module: {package modules it imports at module level}}, names relative to the package."""
    known = {module_name(path) for path in modules()}
    graph = {}
    for path in modules():
        edges = set()
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges.update(name for name in imported_modules(path, node) if name in known)
        graph[module_name(path)] = edges - {module_name(path)}
    return graph


def find_cycle(graph):
    visiting, done = [], set()

    def visit(node):
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return None
        visiting.append(node)
        for target in sorted(graph.get(node, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        cycle = visit(node)
        if cycle:
            return cycle
    return None


def test_no_module_is_over_300_lines():
    long = {
        module_name(path): count
        for path in modules()
        if (count := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    # The graph is read right: relative, parent-relative and absolute imports all count.
    assert {"conf", "banner.build"} <= graph["banner.consent"]
    assert "register.live" in graph["blocks"]
    assert find_cycle(graph) is None


def test_the_cycle_finder_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_imports_inside_functions_are_the_ones_app_loading_needs():
    found = set()
    for path in modules():
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found.update((module_name(path), name) for name in imported_modules(path, node))
    assert found == FUNCTION_IMPORTS


def test_only_conf_reads_the_setting():
    readers = {module_name(path) for path in modules() if "WAGTAIL_CHARTE" in path.read_text()}
    assert readers == {"conf"}
