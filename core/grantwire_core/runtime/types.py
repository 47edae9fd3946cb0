"""Types every generated client shares: the ``UNSET`` marker of fields a payload leaves out, file
uploads and the ``Response`` of a ``*_detailed`` call.

The generated packages re-export these from their own ``types`` module (the name openapi-python-client
gives it), so a model of one vendor and a model of another share one ``Unset``.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import IO, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    """The value of an optional field that the payload leaves out (``UNSET``, falsy)."""

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        # Model reprs show an unset optional field as UNSET, not <Unset object at 0x…>.
        return "UNSET"


UNSET: Unset = Unset()


class UnknownEnumValue(str):
    """The value of an enum field in a response that the spec does not list (one the vendor added
    since the spec was written): kept as the string it was, told apart from the enum's members by
    its type, and sent back unchanged by ``to_dict()``. A request refuses it.

    ``isinstance(info.token_type, UnknownEnumValue)`` says whether the value is one the client
    knows; the field's type, ``TheEnum | UnknownEnumValue``, makes mypy ask for both cases.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"UnknownEnumValue({str.__repr__(self)})"


class UnknownIntEnumValue(int):
    """The value of an integer enum field in a response that the spec does not list: kept as the
    integer it was, told apart from the enum's members by its type (an ``IntEnum`` member is an
    ``int`` too, so ``isinstance(value, UnknownIntEnumValue)`` is the test), and sent back unchanged
    by ``to_dict()``. A request refuses it.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"UnknownIntEnumValue({int.__repr__(self)})"


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """A file to upload as multipart/form-data."""

    payload: BinaryIO
    """The file's content."""
    file_name: str | None = None
    """The name sent with it."""
    mime_type: str | None = None
    """Its content type."""

    def to_tuple(self) -> FileTypes:
        """The tuple httpx accepts for multipart/form-data."""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """What a ``*_detailed`` call returns, whatever the status."""

    status_code: int
    """An ``http.HTTPStatus`` for standard codes, the plain number for others (e.g. 599)."""
    content: bytes
    """The body as received."""
    headers: MutableMapping[str, str]
    """The response headers (a repr shows only those known to carry nothing secret)."""
    parsed: T | None
    """The body as its model, or None where the status has none or the body did not parse."""
    attempts: int = 1
    """How many times the request was sent (retries included)."""

    def __repr__(self) -> str:
        # The body carries tokens and the headers may carry cookies: the status, the header names
        # (with the values of harmless ones), the body's length and the parsed model, whose own
        # repr masks its secret fields.
        headers = {name: shown_header_value(name, value) for name, value in self.headers.items()}
        return (
            f"Response(status_code={int(self.status_code)}, headers={headers!r}, "
            f"content=<{len(self.content)} bytes>, parsed={self.parsed!r}, attempts={self.attempts})"
        )


#: Headers whose values say nothing secret, shown as they are in reprs; every other value is masked.
SAFE_HEADERS = frozenset(
    {"content-type", "content-length", "content-encoding", "date", "retry-after", "cache-control", "x-request-id"}
)


def shown_header_value(name: str, value: str) -> str:
    """``value`` if header ``name`` is one known to carry nothing secret, else ``***``."""
    return value if name.lower() in SAFE_HEADERS else "***"


__all__ = [
    "UNSET",
    "File",
    "FileContent",
    "FileTypes",
    "RequestFiles",
    "Response",
    "UnknownEnumValue",
    "UnknownIntEnumValue",
    "Unset",
]
