"""Dropping what refers to a class openapi-python-client removed, before it is written.

When upstream fails to process a schema it removes that schema's class, but models and endpoints
parsed before the failure keep importing it: the package is written with modules that fail with
``ModuleNotFoundError``. A document written elsewhere can trigger this (OpenAI's does). Every model,
union module and endpoint that imports a missing module is dropped instead, repeatedly until none
is left, and each drop is reported next to upstream's own skips. Our own clients never lose
anything: their generation fails on any skip.
"""

from __future__ import annotations

import re
from typing import Any

from openapi_python_client.parser import GeneratorData

from generator.unions import UnionModule
from generator.upstream import document_text

_MODEL_IMPORT = re.compile(r"from \.+models\.(\w+) import")


def drop_dangling(openapi: GeneratorData, union_modules: list[UnionModule]) -> tuple[list[UnionModule], list[str]]:
    """Remove what imports a module that will not exist; return the union modules kept and the drops."""
    dropped: list[str] = []
    while True:
        present = (
            {str(model.class_info.module_name) for model in openapi.models}
            | {str(enum.class_info.module_name) for enum in openapi.enums}
            | {module.module_name for module in union_modules}
        )

        before = len(dropped)
        for model in list(openapi.models):
            gone = _missing([*(model.relative_imports or ()), *(model.lazy_imports or ())], present)
            if gone:
                openapi.models.remove(model)
                dropped.append(f"model {model.class_info.name}: refers to {', '.join(gone)}, which upstream removed")
        for module in list(union_modules):
            gone = sorted({cls.module for cls in module.classes} - present)
            if gone:
                union_modules.remove(module)
                dropped.append(
                    f"union {module.class_name} ({module.pointer}): refers to {', '.join(gone)}, which upstream removed"
                )
        for collection in openapi.endpoint_collections_by_tag.values():
            for endpoint in list(collection.endpoints):
                gone = _missing(endpoint.relative_imports, present)
                if gone:
                    collection.endpoints.remove(endpoint)
                    dropped.append(
                        f"{endpoint.method.upper()} {document_text(endpoint.path)}: refers to "
                        f"{', '.join(gone)}, which upstream removed"
                    )
        if len(dropped) == before:
            return union_modules, dropped


def _missing(imports: Any, present: set[str]) -> list[str]:
    return sorted({module for line in imports or () for module in _MODEL_IMPORT.findall(line)} - present)
