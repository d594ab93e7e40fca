"""The package's layout rules (docs/architecture.md): they keep it readable as it grows."""

import ast
import importlib
import io
import re
import tokenize
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "wagtail_charte"
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


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    # The graph is read right: relative, parent-relative and absolute imports all count.
    assert {"conf", "banner.config"} <= graph["banner.reading"]
    assert "models.live" in graph["blocks"]
    assert find_cycle(graph) is None


def test_the_cycle_finder_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


# Top-level modules that belong to a room: the charte page's blocks and the body a new page
# starts from are the page model's own, kept where Wagtail and the migrations look for them.
ROOM_OF = {"blocks": "models", "starter": "models"}


def room(module):
    """The room a module belongs to: its subpackage, or itself for a top-level module."""
    first = module.split(".")[0]
    return ROOM_OF.get(first, first)


def room_graph(graph):
    """{room: {other rooms its modules import}}."""
    rooms = {}
    for module, targets in graph.items():
        rooms.setdefault(room(module), set()).update(
            room(target) for target in targets if room(target) != room(module)
        )
    return rooms


def test_the_rooms_have_no_import_cycle():
    rooms = room_graph(import_graph())
    assert {"models", "register"} <= rooms["contrib"]  # the graph is read right
    assert find_cycle(rooms) is None


def test_a_cycle_between_rooms_is_seen_though_no_module_imports_itself():
    graph = {
        "models.register": {"register.forms"},
        "register.forms": {"models.exceptions"},
        "models.exceptions": set(),
    }
    assert find_cycle(graph) is None
    assert find_cycle(room_graph(graph)) == ["models", "register", "models"]


def reachable(graph, module):
    """Every module that importing `module` imports, however indirectly."""
    seen, todo = set(), [module]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_imports_inside_functions_are_the_ones_app_loading_needs():
    found, unexplained = set(), set()
    for path in modules():
        lines = path.read_text().splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found.update((module_name(path), name) for name in imported_modules(path, node))
                    # The code says why too: a comment between the `def` and the import.
                    above = lines[function.lineno : node.lineno - 1]
                    if not any(line.strip().startswith("#") for line in above):
                        unexplained.add(f"{module_name(path)}:{node.lineno}")
    assert found == FUNCTION_IMPORTS
    assert unexplained == set()


def test_only_conf_reads_the_setting():
    readers = {module_name(path) for path in modules() if "WAGTAIL_CHARTE" in path.read_text()}
    assert readers == {"conf"}


DOCS = PACKAGE.parent / "docs"
TREE_ENTRY = re.compile(r"^((?:│   |    )*)(?:├── |└── )(.+)$")


def documented_tree():
    """The package paths that docs/architecture.md's tree names, relative to the package."""
    tree = (DOCS / "architecture.md").read_text().split("```")[1]
    parents, named = [], set()
    for line in tree.splitlines():
        entry = TREE_ENTRY.match(line)
        if not entry:
            continue
        depth = len(entry[1]) // 4
        names = re.match(r"[^\s,]+(?:, [^\s,]+)*", entry[2])[0].split(", ")
        parents = parents[:depth]
        named.update("".join([*parents, name]) for name in names)
        parents.append(names[0])
    return named


def test_the_architecture_page_places_every_module_and_names_only_what_exists():
    named = documented_tree()
    assert {path for path in named if not (PACKAGE / path).exists()} == set()
    files = [
        *(path for path in modules() if path.name != "__init__.py"),
        *(PACKAGE / "static" / "wagtail_charte").iterdir(),
    ]
    assert {str(path.relative_to(PACKAGE)) for path in files} - named == set()


def documented_import_paths():
    """Every `wagtail_charte.…` name the README and docs tell a site to use, as (module, name)."""
    pages = [PACKAGE.parent / "README.md", *DOCS.glob("*.md")]
    text = "\n".join(path.read_text() for path in pages)
    for module, names in re.findall(r"from (wagtail_charte[\w.]*) import ([\w, ]+)", text):
        for name in names.split(","):
            yield module, name.strip()
    for dotted in re.findall(r"wagtail_charte(?:\.\w+)+", text):
        if not re.fullmatch(r"[EW]\d{3}", dotted.rpartition(".")[2]):  # system check ids
            yield dotted, None


def test_every_import_path_the_docs_name_imports():
    broken = []
    for dotted, name in documented_import_paths():
        module, attribute = dotted, name
        while True:
            try:
                found = importlib.import_module(module)
                break
            except ModuleNotFoundError:
                module, _, parent_attribute = module.rpartition(".")
                attribute = ".".join(filter(None, [parent_attribute, attribute]))
        for part in filter(None, (attribute or "").split(".")):
            found = getattr(found, part, None)
        if found is None:
            broken.append(f"{dotted} {name or ''}".strip())
    paths = set(documented_import_paths())
    # The ones issue 9 moved or kept: read_consent, the cache, the matcher, the Jinja2 extension.
    assert {
        ("wagtail_charte.banner.reading", "read_consent"),
        ("wagtail_charte.cache.invalidate", None),
        ("wagtail_charte.register.patterns.matches", None),
        ("wagtail_charte.jinja2tags.charte", None),
    } <= paths
    assert broken == []


def imports_between(graph, importers, imported):
    """(module, target) for each import from a room of `importers` into one of `imported`."""
    return {
        (module, target)
        for module, targets in graph.items()
        if module.split(".")[0] in importers
        for target in targets
        if target.split(".")[0] in imported
    }


def test_dependencies_point_the_way_the_architecture_page_says():
    graph = import_graph()
    features = {"banner", "contrib", "consent_log", "purge", "signal_handlers", "register"}
    assert imports_between(graph, {"models"}, features) == set()
    # The cookie contract stands alone; the endpoint and read_consent never render the banner.
    assert graph["banner.consent"] == set()
    assert not {"banner.build", "banner.markup"} & reachable(graph, "views")
    assert not {"banner.build", "banner.markup"} & reachable(graph, "banner.reading")
    assert imports_between(graph, {"consent_log"}, {"banner"}) == set()
    assert graph["conf"] == set()
    assert graph["cache"] == {"conf", "outages"}
    assert graph["outages"] == set()


# A site runs the core without the optional apps, and without test tools.
NOT_FOR_THE_CORE = ("wagtail_charte.contrib", "django.test", "playwright")


def imported_names(path):
    """Every module and `module.name` the file imports, at any level, as absolute names."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            yield from (f"wagtail_charte.{name}" for name in imported_modules(path, node))
        elif isinstance(node, ast.ImportFrom):
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def imports_not_for_the_core(path):
    return {
        banned
        for name in imported_names(path)
        for banned in NOT_FOR_THE_CORE
        if name == banned or name.startswith(f"{banned}.")
    }


def test_the_core_imports_no_optional_app_and_no_test_tool():
    # Seen where they are allowed: the audit loads pages with the test client and Chromium.
    audit = PACKAGE / "contrib" / "audit"
    assert "django.test" in imports_not_for_the_core(audit / "fetch.py")
    assert "playwright" in imports_not_for_the_core(audit / "browser.py")
    assert "wagtail_charte.contrib" in imports_not_for_the_core(audit / "run.py")
    core = [path for path in modules() if "contrib" not in path.relative_to(PACKAGE).parts]
    assert {
        module_name(path): found for path in core if (found := imports_not_for_the_core(path))
    } == {}


def test_the_readme_links_the_architecture_and_settings_pages():
    readme = (PACKAGE.parent / "README.md").read_text()
    assert "](docs/architecture.md)" in readme
    assert "](docs/settings.md)" in readme


ROOT = PACKAGE.parent
# A path in a repository's form: `tests/…`, `docs/…`, `register/live.py`, a template or asset.
NAMED_PATH = re.compile(
    r"(?<![\w./:-])((?:[\w-]+/)+[\w.-]+\.(?:py|md|js|mjs|css|html|json|toml|po|xlsx|csv))\b"
)
# Where a named path may start: the repository, the package, its static files and templates.
PATH_BASES = [
    ROOT,
    PACKAGE,
    PACKAGE / "static",
    PACKAGE / "templates",
    PACKAGE / "templates" / "wagtail_charte",
]
# docs/compliance.md says so: "`c/` stands for `tests/compliance/`".
PATH_ABBREVIATIONS = {"c/": "tests/compliance/"}


def comments_and_docstrings(path):
    source = path.read_text()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.string
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            yield ast.get_docstring(node, clean=False) or ""


def named_paths():
    """(where, path) for each file path the README, docs and the package's comments name.

    Fenced code is left out: it shows commands and their output, such as files they create.
    """
    for page in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        prose = page.read_text().split("```")[::2]
        for path in NAMED_PATH.findall("\n".join(prose)):
            yield page.name, path
    for module in modules():
        for path in NAMED_PATH.findall("\n".join(comments_and_docstrings(module))):
            yield module_name(module), path


def path_exists(path):
    for short, long in PATH_ABBREVIATIONS.items():
        if path.startswith(short):
            path = long + path.removeprefix(short)
    return any((base / path).is_file() for base in PATH_BASES)


def test_every_file_path_the_docs_and_comments_name_exists():
    named = list(named_paths())
    assert ("architecture.md", "tests/test_architecture.py") in named
    assert ("banner.consent", "static/wagtail_charte/consent.js") in named  # a docstring's
    assert {(where, path) for where, path in named if not path_exists(path)} == set()


def test_a_path_that_is_gone_is_seen():
    assert not path_exists("register/live.py")
    assert path_exists("models/live.py")
    assert path_exists("c/test_exempt.py")
    assert path_exists("wagtail_charte/charte.min.js")
