"""docs/compliance.md, the statement a site hands its DPO, names every item and real tests."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "compliance.md").read_text()
REFERENCE = re.compile(r"`((?:c/|tests/)[\w/]+\.py)::(\w+)`")


def defined_tests(path):
    tree = ast.parse((ROOT / path).read_text())
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_every_checklist_item_is_in_the_doc():
    items = {int(number) for number in re.findall(r"^\*\*(\d+)\. ", DOC, re.MULTILINE)}
    assert items == set(range(1, 37))


def test_every_test_the_doc_names_exists():
    references = REFERENCE.findall(DOC)
    assert len(references) > 36
    missing = [
        f"{path}::{name}"
        for path, name in references
        if name not in defined_tests(re.sub("^c/", "tests/compliance/", path))
    ]
    assert missing == []
