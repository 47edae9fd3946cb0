"""The Python code blocks of the repository's READMEs and of the documentation site's pages, each a
test: it runs, and passes mypy --strict.

``python -m tests.readme.blocks DIR`` writes every block to ``DIR`` as a module of its own (for
mypy, in ``nox -s typecheck``); ``tests/readme/test_readme_blocks.py`` runs them.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The READMEs a user reads: the repository's, grantwire-core's, and each client's PyPI README.
READMES = [ROOT / "README.md", ROOT / "core" / "README.md", *sorted((ROOT / "clients").glob("grantwire-*/README.md"))]
#: The documentation site's pages (nox -s docs): all of docs/ but the API reference, which
#: docs/_ext/reference_pages.py writes from the docstrings at each build.
DOC_PAGES = sorted(
    path for path in (ROOT / "docs").rglob("*.md") if "reference" not in path.relative_to(ROOT / "docs").parts
)
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


@dataclass(frozen=True)
class Block:
    readme: Path
    line: int
    code: str

    @property
    def name(self) -> str:
        """``README_md_L61``: where the block is, usable as a module name."""
        where = self.readme.relative_to(ROOT).as_posix().replace("/", "_").replace("-", "_").replace(".", "_")
        return f"{where}_L{self.line}"


def blocks(readmes: list[Path] = READMES + DOC_PAGES) -> list[Block]:
    found = []
    for readme in readmes:
        text = readme.read_text(encoding="utf-8")
        for match in _BLOCK.finditer(text):
            found.append(Block(readme, text.count("\n", 0, match.start()) + 2, match.group(1)))
    return found


#: The README's install block follows this line (a comment GitHub does not show); tests/readme runs
#: it in a fresh virtualenv.
INSTALL_MARK = "<!-- install block: tests/readme/test_install_block.py runs it on a fresh virtualenv -->"
_SHELL_BLOCK = re.compile(r"\s*```sh\n(.*?)^```", re.S | re.M)


def install_block(readme: Path = ROOT / "README.md") -> Block:
    """The ``sh`` block right after :data:`INSTALL_MARK` in ``readme``."""
    text = readme.read_text(encoding="utf-8")
    mark = text.find(INSTALL_MARK)
    if mark < 0:
        raise LookupError(f"{readme.relative_to(ROOT)} has no line {INSTALL_MARK!r}")
    after = mark + len(INSTALL_MARK)
    match = _SHELL_BLOCK.match(text, after)
    if match is None:
        raise LookupError(f"{readme.relative_to(ROOT)}: no ```sh block right after {INSTALL_MARK!r}")
    return Block(readme, text.count("\n", 0, match.start(1)) + 1, match.group(1))


def write(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.py"):  # blocks move when a README changes
        stale.unlink()
    paths = []
    for block in blocks():
        path = directory / f"{block.name}.py"
        path.write_text(block.code, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write(Path(sys.argv[1])):
        print(written)
