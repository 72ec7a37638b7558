"""The layout shows the architecture (README, *Layout*): pga/ is the foundation and imports
nothing from cases/; cases/ is grouped by capability, each sub-package with its views and
routes."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CAPABILITIES = [
    "casefile",
    "caseload",
    "contacts",
    "informing",
    "overviews",
    "people",
    "privacy",
    "registration",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_pga_imports_nothing_from_cases():
    """(It may ask partners.permissions who is who: accounts and roles are below cases.)"""
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] == "cases"
        )
        for path in (ROOT / "pga").rglob("*.py")
        if "migrations" not in path.parts
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_each_capability_has_its_views_and_routes_and_no_flat_modules_remain():
    for name in CAPABILITIES:
        package = ROOT / "cases" / name
        assert (package / "__init__.py").exists(), name
        assert (package / "views.py").exists() and (package / "urls.py").exists(), name
    flat = {p.name for p in (ROOT / "cases").glob("*.py")}
    assert flat <= {
        "__init__.py",
        "admin.py",
        "apps.py",
        "demo.py",
        "months.py",
        "permissions.py",
        "reference_data.py",
        "urls.py",
        "validators.py",
    }
