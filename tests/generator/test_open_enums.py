"""generator.open_enums on a document written elsewhere: the enum fields of a model only responses
carry keep values the document does not list; a model a request body reaches (and one no operation
uses) stays closed."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.document import generate_document
from tests.imported import imported


def _json(schema: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}


STATUS = {"type": "string", "enum": ["queued", "done"]}
PRIORITY = {"type": "integer", "enum": [1, 2, 3]}
DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Jobs", "version": "1"},
    "paths": {
        "/jobs": {
            "post": {
                "operationId": "createJob",
                "requestBody": {"required": True, "content": _json("JobRequest")},
                "responses": {"200": {"description": "ok", "content": _json("Job")}},
            }
        }
    },
    "components": {
        "schemas": {
            "Status": STATUS,
            "Priority": PRIORITY,
            "Job": {
                "type": "object",
                "required": ["status"],
                "properties": {
                    "status": {"$ref": "#/components/schemas/Status"},
                    "history": {"type": "array", "items": {"$ref": "#/components/schemas/Status"}},
                    "echo": {"$ref": "#/components/schemas/Settings"},
                    "priority": {"$ref": "#/components/schemas/Priority"},
                },
            },
            # Sent and received: a request reaches it, so it stays closed.
            "Settings": {"type": "object", "properties": {"mode": {"type": "string", "enum": ["fast", "safe"]}}},
            "JobRequest": {
                "type": "object",
                "properties": {
                    "status": {"$ref": "#/components/schemas/Status"},
                    "settings": {"$ref": "#/components/schemas/Settings"},
                    "priority": {"$ref": "#/components/schemas/Priority"},
                },
            },
            "Unused": {"type": "object", "properties": {"status": {"$ref": "#/components/schemas/Status"}}},
        }
    },
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("open-enums")
    spec = folder / "jobs.json"
    spec.write_text(json.dumps(DOCUMENT))
    generate_document(spec, folder / "out", strict=True)
    return folder / "out"


@pytest.fixture
def models(out: Path) -> Iterator[Any]:
    with imported(out, "jobs_client.models") as module:
        yield module


def test_a_response_model_keeps_a_value_the_document_does_not_list(models: Any) -> None:
    unknown_type = importlib.import_module("jobs_client.types").UnknownEnumValue
    job = models.Job.from_dict({"status": "cancelled", "history": ["queued", "paused"]})
    assert isinstance(job.status, unknown_type)
    assert job.status == "cancelled"
    assert job.history[0] is models.Status.QUEUED
    assert isinstance(job.history[1], unknown_type)
    assert job.to_dict() == {"status": "cancelled", "history": ["queued", "paused"]}


def test_an_integer_enum_keeps_an_integer_the_document_does_not_list(models: Any) -> None:
    types = importlib.import_module("jobs_client.types")
    job = models.Job.from_dict({"status": "done", "priority": 7})
    assert isinstance(job.priority, types.UnknownIntEnumValue)
    assert job.priority == 7
    assert repr(job.priority) == "UnknownIntEnumValue(7)"
    assert job.to_dict() == {"status": "done", "priority": 7}
    known = models.Job.from_dict({"status": "done", "priority": 2}).priority
    assert known is models.Priority.VALUE_2
    assert not isinstance(known, types.UnknownIntEnumValue)


@pytest.mark.parametrize(("value", "kind"), [("7", "a string"), (True, "a boolean"), (1.5, "a number")])
def test_an_open_integer_enum_still_refuses_what_is_not_an_integer(models: Any, value: object, kind: str) -> None:
    with pytest.raises(importlib.import_module("jobs_client.errors").ParseError, match=rf"^Job\.priority: .*{kind}"):
        models.Job.from_dict({"status": "done", "priority": value})


def test_an_integer_enum_a_request_reaches_stays_closed(models: Any) -> None:
    parse_error = importlib.import_module("jobs_client.errors").ParseError
    with pytest.raises(parse_error, match=r"^JobRequest\.priority: "):
        models.JobRequest.from_dict({"priority": 7})


def test_a_model_a_request_reaches_stays_closed(models: Any) -> None:
    parse_error = importlib.import_module("jobs_client.errors").ParseError
    with pytest.raises(parse_error, match=r"^JobRequest\.status: a string that is not one of: done, queued$"):
        models.JobRequest.from_dict({"status": "cancelled"})
    # Settings is received too (Job.echo), but a request sends it: closed in both places.
    with pytest.raises(parse_error, match=r"^Job\.echo\.mode: a string that is not one of: fast, safe$"):
        models.Job.from_dict({"status": "done", "echo": {"mode": "turbo"}})
    with pytest.raises(parse_error, match=r"^status: a string that is not one of: done, queued$"):
        models.JobRequest(status="cancelled").to_dict()


def test_a_model_no_operation_uses_stays_closed(models: Any) -> None:
    with pytest.raises(importlib.import_module("jobs_client.errors").ParseError):
        models.Unused.from_dict({"status": "cancelled"})


def test_the_open_fields_are_typed_so_mypy_asks_for_both_cases(out: Path) -> None:
    source = (out / "jobs_client" / "models" / "job.py").read_text()
    assert "    status: Status | UnknownEnumValue\n" in source
    assert "    history: list[Status | UnknownEnumValue] | Unset = UNSET\n" in source
    assert "    priority: Priority | UnknownIntEnumValue | Unset = UNSET\n" in source
    assert "from ..types import UNSET, UnknownEnumValue, UnknownIntEnumValue, Unset\n" in source
