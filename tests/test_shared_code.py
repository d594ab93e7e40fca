"""Tests share code through helpers modules, never through a conftest.py or a test module."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_imports_from_a_conftest_or_a_test_module():
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or "", *(alias.name for alias in node.names)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            last = {name.rsplit(".", 1)[-1] for name in names}
            if any(name == "conftest" or name.startswith("test_") for name in last):
                found.append(f"{path.relative_to(TESTS)}:{node.lineno}")
    assert found == []
