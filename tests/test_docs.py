"""docs/security.md names, for every control, the test that proves it: those tests exist."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_named_in_the_security_page_exists():
    text = (ROOT / "docs" / "security.md").read_text()
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text)
    assert len(named) >= 20
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


def test_every_module_named_in_the_security_page_exists():
    text = (ROOT / "docs" / "security.md").read_text()
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
