"""docs/security.md names, for every control, the test that proves it: those tests exist."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("page", "at_least"), [("security.md", 20), ("privacy.md", 5)])
def test_every_test_named_in_the_security_and_privacy_pages_exists(page, at_least):
    text = (ROOT / "docs" / page).read_text()
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text)
    assert len(named) >= at_least
    missing = []
    for path, function in named:
        file = ROOT / path
        if not file.exists():
            missing.append(path)
            continue
        if function:
            functions = {
                node.name
                for node in ast.walk(ast.parse(file.read_text()))
                if isinstance(node, ast.FunctionDef)
            }
            if function not in functions:
                missing.append(f"{path}::{function}")
    assert missing == []


@pytest.mark.parametrize("page", ["security.md", "privacy.md"])
def test_every_module_named_in_the_security_and_privacy_pages_exists(page):
    text = (ROOT / "docs" / page).read_text()
    modules = set(re.findall(r"`((?:pga|cases|partners)/[\w/]+\.py)", text))
    assert modules and [m for m in modules if not (ROOT / m).exists()] == []


def test_every_file_the_readme_names_is_in_the_repository():
    """A newcomer follows the README on a fresh clone: what it points at must be there
    (not a design document outside the repository)."""
    text = (ROOT / "README.md").read_text()
    assert "../shared" not in text
    named = set(
        re.findall(r"`((?:pga|cases|partners|docs|tests|bench|static|templates)/[\w./-]+)`", text)
    )
    assert len(named) >= 10
    made_by_a_run = (".sqlite3",)  # e.g. the benchmark's own database
    missing = sorted(
        path
        for path in named
        if "*" not in path and not path.endswith(made_by_a_run) and not (ROOT / path).exists()
    )
    assert missing == []
