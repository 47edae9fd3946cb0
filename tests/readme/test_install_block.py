"""The README's install block works on a fresh machine exactly as written: run by bash in a folder
holding only what a clone holds for it (core/ and the client folders), it makes its own virtualenv
and installs grantwire-core and a client from their folders, their other dependencies coming from
the package index. Then the client imports, with the core it was installed with."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.readme.blocks import ROOT, install_block

# What a fresh clone holds that the block installs; caches are left behind, as a clone has none.
_SOURCES = ["core", "clients"]


def test_the_install_block_installs_into_a_fresh_virtualenv(tmp_path: Path) -> None:
    block = install_block()
    for source in _SOURCES:
        shutil.copytree(ROOT / source, tmp_path / source, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    # No virtualenv of ours leaks in: the block's own python3 and pip, as on a fresh machine.
    environment = {key: value for key, value in os.environ.items() if key not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    script = tmp_path / "install.sh"
    script.write_text(block.code, encoding="utf-8")
    where = f"{block.readme.relative_to(ROOT)}:{block.line}"
    result = subprocess.run(
        ["bash", "-euo", "pipefail", str(script)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{where} failed:\n{(result.stdout + result.stderr)[-3000:]}"

    python = tmp_path / ".venv" / "bin" / "python"
    assert python.exists(), f"{where} made no virtualenv at .venv/"
    check = (
        "import grantwire_core, grantwire_ringcentral;"
        "from grantwire_ringcentral import RingCentral, GrantwireError;"
        "assert GrantwireError is grantwire_core.GrantwireError;"
        "print(grantwire_core.__file__)"
    )
    imported = subprocess.run([str(python), "-c", check], capture_output=True, text=True, check=False, timeout=120)
    assert imported.returncode == 0, imported.stderr[-3000:]
    # Installed into the block's virtualenv, not found in the copied source folders.
    assert str(tmp_path / ".venv") in imported.stdout
