"""Golden record: the generated union machinery, pinned so a template change is a reviewable diff.

After an intended change, regenerate the record with
``GRANTWIRE_UPDATE_GOLDEN=1 nox -s tests -- tests/functional/test_golden.py`` and commit the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden" / "functional_grants"
PINNED = [
    "models/grant.py",
    "models/batch.py",
    "models/secret_grant.py",
    "api/default/echo_grant.py",
]


@pytest.mark.parametrize("relative", PINNED)
def test_generated_module_matches_the_golden_record(grants_tree: Path, relative: str) -> None:
    generated = (grants_tree / "functional_grants" / relative).read_text(encoding="utf-8")
    golden = GOLDEN / relative
    if os.environ.get("GRANTWIRE_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(generated, encoding="utf-8")
    assert golden.is_file(), f"no golden record for {relative}; run with GRANTWIRE_UPDATE_GOLDEN=1"
    assert generated == golden.read_text(encoding="utf-8"), (
        f"{relative} differs from its golden record; review the change, then regenerate it with "
        "GRANTWIRE_UPDATE_GOLDEN=1"
    )
