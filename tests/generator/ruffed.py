"""One module as the generator's formatting pass leaves it: ruff's fixes, then its formatter, with
the settings a generated package's pyproject.toml gives them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ruff.__main__ import find_ruff_bin

# overrides/pyproject.toml.jinja's [tool.ruff] settings.
PYPROJECT = (
    '[tool.ruff]\nline-length = 120\ntarget-version = "py310"\n'
    '[tool.ruff.lint]\nselect = ["E", "F", "I", "UP", "W"]\nignore = ["E501"]\n'
)


def ruffed(folder: Path, text: str) -> str:
    """``text`` written to a module in ``folder`` (created if missing), fixed and formatted."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    module = folder / "thing.py"
    module.write_text(text, encoding="utf-8")
    ruff = find_ruff_bin()
    for arguments in (["check", "--fix-only", "--exit-zero", "--quiet"], ["format", "--quiet"]):
        subprocess.run([ruff, *arguments, "--no-cache", "."], cwd=folder, check=True)
    return module.read_text(encoding="utf-8")
