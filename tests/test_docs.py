"""Docs that cannot drift: every command is documented, README's commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from sverka.cli.main import app
from sverka.config import REPO_DIR


def all_docs() -> str:
    paths = [REPO_DIR / "README.md", *sorted((REPO_DIR / "docs").glob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def command_names() -> list[str]:
    return sorted(c.name for c in app.registered_commands if c.name)


def test_every_command_is_documented() -> None:
    docs = all_docs()
    missing = [name for name in command_names() if f"sverka {name}" not in docs]
    assert not missing, f"commands with no `sverka NAME` example in README.md or docs/: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "scripts/quickstart.sh" in first_block and "scripts/test.sh" in first_block
    for script in ("scripts/quickstart.sh", "scripts/test.sh", ".ci/run"):
        assert (REPO_DIR / script).is_file()


def test_readme_commands_exist() -> None:
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"^sverka ([a-z]+)", readme, flags=re.M))
    assert used <= set(command_names()), f"README uses unknown commands: {used - set(command_names())}"


def test_docs_links_resolve() -> None:
    for path in [REPO_DIR / "README.md", *(REPO_DIR / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+\.md)\)", path.read_text(encoding="utf-8")):
            assert (path.parent / target).exists() or Path(REPO_DIR / target).exists(), f"{path.name} → {target}"
