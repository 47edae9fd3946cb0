"""Comparing what our attrs models and the oracle's pydantic models make of one payload."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from pydantic import AnyUrl, BaseModel, RootModel, SecretStr


def unwrap(model: Any) -> Any:
    """The variant a pydantic union resolved to (nested RootModels included)."""
    while isinstance(model, RootModel):
        model = model.root
    return model


def plain(value: Any) -> Any:
    """A pydantic value as plain data: wire names, secrets revealed, enums as their values."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python", by_alias=True, exclude_unset=True)
    if isinstance(value, dict):
        return {key: plain(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [plain(inner) for inner in value]
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, AnyUrl):
        return str(value)
    return value


def assert_same(ours: Any, theirs: Any, where: str = "$") -> None:
    """``ours`` (JSON from ``to_dict``) carries the same data as ``theirs`` (from :func:`plain`)."""
    if isinstance(theirs, dt.datetime):
        assert isinstance(ours, str), where
        assert dt.datetime.fromisoformat(ours) == theirs, where
    elif isinstance(theirs, dict):
        assert isinstance(ours, dict), where
        assert ours.keys() == theirs.keys(), f"{where}: {sorted(ours)} != {sorted(theirs)}"
        for key in theirs:
            assert_same(ours[key], theirs[key], f"{where}.{key}")
    elif isinstance(theirs, list):
        assert isinstance(ours, list), where
        assert len(ours) == len(theirs), where
        for index, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            assert_same(a, b, f"{where}[{index}]")
    else:
        assert ours == theirs, where
