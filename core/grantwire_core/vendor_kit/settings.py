"""Settings read from the environment by the front doors (``RingCentral.from_env()`` …).

A missing or malformed variable is one ``ConfigurationError`` that names the variable and the rule,
never its value: the variables hold client secrets, private keys and user credentials.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import ConfigurationError


def required(environ: Mapping[str, str], variable: str, meaning: str) -> str:
    """The non-blank value of ``variable``; ``meaning`` says what it holds, for the error."""
    value = environ.get(variable, "").strip()
    if not value:
        raise ConfigurationError(variable, f"is not set: it must hold {meaning}")
    return value


def optional(environ: Mapping[str, str], variable: str) -> str | None:
    """``variable``'s value in ``environ``, stripped; None when it is unset or blank."""
    value = environ.get(variable, "").strip()
    return value or None


def environment_url(name_or_url: str, environments: Mapping[str, str]) -> str:
    """A named environment (``production``) as its base URL, or a base URL as it is."""
    return environments.get(name_or_url, name_or_url).rstrip("/")


def choice_or_url(environ: Mapping[str, str], variable: str, choices: Mapping[str, str], default: str) -> str:
    """A named environment (``production``) as its URL, or an ``https://`` URL given as it is."""
    return checked_environment(optional(environ, variable) or default, variable, choices)


def checked_environment(value: object, name: str, choices: Mapping[str, str]) -> str:
    """``value``, a named environment (``production``), as its URL, or an http(s):// URL with a host
    and no user info as it is; ``ConfigurationError`` naming ``name`` (a variable or an argument)
    for anything else, ``TypeError`` for a value that is not a string."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    value = value.strip()
    if value in choices:
        return environment_url(value, choices)
    if value.startswith(("https://", "http://")) and value.split("/")[2] and "@" not in value.split("/")[2]:
        return value.rstrip("/")
    names = ", ".join(choices)
    raise ConfigurationError(name, f"must be one of {names} or an http(s):// URL with a host and no user info")


def file_or_value(environ: Mapping[str, str], file_variable: str, value_variable: str, meaning: str) -> bytes:
    """A secret given as a file path (``file_variable``) or inline (``value_variable``)."""
    path = optional(environ, file_variable)
    if path is not None:
        try:
            return Path(path).expanduser().read_bytes()
        except OSError as error:
            raise ConfigurationError(file_variable, f"names a file that cannot be read ({error.strerror})") from None
    inline = optional(environ, value_variable)
    if inline is None:
        raise ConfigurationError(file_variable, f"is not set (nor {value_variable}): one must hold {meaning}")
    return inline.replace("\\n", "\n").encode()


__all__ = [
    "ConfigurationError",
    "checked_environment",
    "choice_or_url",
    "environment_url",
    "file_or_value",
    "optional",
    "required",
]
