"""The NL Design System files are vendored (issue 19): a fresh clone needs no Node.js and no
network, every vendored folder carries its licence, and the fetch script's pinned versions
are the ones committed and linked."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"
SCRIPT = (VENDOR / "fetch-nlds.sh").read_text()
FOLDERS = {
    "UTRECHT_CSS_VERSION": ("utrecht-component-library-css", ["index.css"]),
    "ROTTERDAM_TOKENS_VERSION": ("rotterdam-design-tokens", ["design-tokens.css", "custom.css"]),
    "VOORBEELD_TOKENS_VERSION": ("voorbeeld-design-tokens", ["theme.css"]),
}


def pinned(variable: str) -> str:
    return re.search(rf"^{variable}=(\S+)$", SCRIPT, re.M).group(1)


def test_the_script_s_pinned_versions_are_the_committed_folders_with_their_licences():
    for variable, (name, files) in FOLDERS.items():
        folder = VENDOR / f"{name}-{pinned(variable)}"
        assert (folder / "LICENSE.md").is_file(), folder
        assert all((folder / f).stat().st_size > 0 for f in files), folder


def test_no_other_version_of_a_vendored_package_lingers():
    for variable, (name, _files) in FOLDERS.items():
        assert [p.name for p in VENDOR.glob(f"{name}-*")] == [f"{name}-{pinned(variable)}"]


def test_base_html_links_the_pinned_files_and_the_readme_lists_them():
    base = (ROOT / "templates" / "base.html").read_text()
    readme = (VENDOR / "README.md").read_text()
    for variable, (name, files) in FOLDERS.items():
        folder = f"{name}-{pinned(variable)}"
        for f in files:
            assert f"vendor/{folder}/{f}" in base and f"{folder}/{f}" in readme
