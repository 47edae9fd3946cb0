"""Builds the oracle's pydantic v2 models with datamodel-code-generator, once per spec content.

The models go into ``.oracle/`` (git-ignored), keyed by the spec's hash, so a changed spec is
regenerated and an unchanged one is reused across runs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".oracle"


def oracle_module(spec_path: Path) -> ModuleType:
    digest = hashlib.sha256(spec_path.read_bytes()).hexdigest()[:16]
    target = CACHE / f"{spec_path.stem}_{digest}.py"
    if not target.exists():
        CACHE.mkdir(exist_ok=True)
        partial = target.with_suffix(".partial")
        # Through the command line, as users run it; the options pick pydantic v2 and keep the
        # spec's titles as class names, so both generators name a variant alike.
        subprocess.run(
            [
                sys.executable,
                "-m",
                "datamodel_code_generator",
                "--input",
                str(spec_path),
                "--input-file-type",
                "openapi",
                "--output-model-type",
                "pydantic_v2.BaseModel",
                "--use-title-as-name",
                "--use-annotated",
                "--field-constraints",
                "--target-python-version",
                "3.11",
                "--disable-timestamp",
                # pydantic's EmailStr lower-cases the domain; our clients keep the server's text.
                "--type-mappings",
                "email=string",
                "--formatters",
                "builtin",
                "--output",
                str(partial),
            ],
            check=True,
            capture_output=True,
        )
        partial.replace(target)
    name = f"grantwire_oracle_{target.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, target)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
