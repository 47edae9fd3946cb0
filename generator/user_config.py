"""openapi-python-client's config file, as a user brings it to ``python -m generator.document``.

The keys are upstream's (``class_overrides``, ``literal_enums``, ``field_prefix``,
``project_name_override``, ``content_type_overrides``, …), read by upstream's own model so that a
file that works with ``openapi-python-client generate --config`` works here. ``post_hooks`` is the
one key not honoured: the generator formats every tree itself, with the pinned ruff.
"""

from __future__ import annotations

from pathlib import Path

from openapi_python_client.config import ConfigFile
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.errors import GeneratorFailure


def load_user_config(path: Path) -> ConfigFile:
    """The config file at ``path`` (YAML, or JSON, which YAML reads too), or one clear error."""
    try:
        data = YAML(typ="safe", pure=False).load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GeneratorFailure(f"cannot read config {path}: {error.strerror}") from None
    except YAMLError as error:
        raise GeneratorFailure(f"config {path} is not valid YAML: {' '.join(str(error).split())}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise GeneratorFailure(f"config {path} must be a mapping of upstream's keys, not {type(data).__name__}")
    try:
        return ConfigFile.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}" for problem in error.errors()
        )
        raise GeneratorFailure(f"config {path}: {problems}") from None
