"""The output folder of ``python -m generator.document``: refused when it is taken, unless the user
says to replace it; replaced only once the new client is complete."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import GeneratorFailure


@contextmanager
def output_folder(output: Path, *, overwrite: bool) -> Iterator[Path]:
    """A folder that does not exist yet, to generate into; on success it becomes ``output``.

    A file at ``output`` is never replaced. An existing folder is replaced only with ``overwrite``,
    and only after generation succeeded: a failed run leaves it as it was.
    """
    if output.is_file() or (output.exists() and not output.is_dir()):
        raise GeneratorFailure(f"output {output} is a file, not a folder; give a folder path (the file is left alone)")
    if output.is_dir() and not overwrite:
        raise GeneratorFailure(f"output folder {output} exists; pass --overwrite to replace it, or choose a new path")
    if not output.parent.is_dir():
        raise GeneratorFailure(f"output {output}: the folder {output.parent} does not exist")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    except OSError as error:
        raise GeneratorFailure(f"output {output}: cannot write in {output.parent}: {error.strerror}") from None
    try:
        fresh = staging / output.name
        yield fresh
        if output.is_dir():
            shutil.rmtree(output)
        fresh.rename(output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
