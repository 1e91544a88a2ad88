"""A scratch copy of the repository's framework and case files, so that mutated inputs can
sit where their `include`s resolve, without touching the repository."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_FOLDERS = ("rules", "examples", "tests/golden")
FUZZ_FRAMEWORKS = Path(__file__).resolve().parent / "frameworks"


def crit_files() -> list[Path]:
    """Every `.crit` file in rules/, examples/ and tests/golden/, relative to the repo."""
    return sorted(p.relative_to(REPO) for folder in SEED_FOLDERS
                  for p in (REPO / folder).rglob("*.crit"))


class Workspace:
    """A temporary folder holding copies of the seed frameworks and case files at their
    repository paths (and this harness's own frameworks under `fuzz/`)."""

    def __init__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="critc-fuzz-")
        self.root = Path(self._dir.name)
        for folder in ("rules", "examples"):
            shutil.copytree(REPO / folder, self.root / folder,
                            ignore=shutil.ignore_patterns("*.py", "__pycache__", "*.md"))
        shutil.copytree(REPO / "tests" / "golden", self.root / "tests" / "golden")
        shutil.copytree(FUZZ_FRAMEWORKS, self.root / "fuzz")

    def path(self, relative: str | Path) -> Path:
        return self.root / relative

    def write(self, relative: str | Path, data: bytes | str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8", errors="surrogatepass")
        path.write_bytes(data)
        return path

    def close(self) -> None:
        self._dir.cleanup()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    return hashlib.sha256(data).hexdigest()[:12]
