"""Write the blocking twins of the SDK's `_async_*.py` resource modules.

`bilag.client` keeps one hand-written copy of each resource: the async one. Its blocking twin is
this script's output, so the two never drift. Run `python tools/unasync.py` after editing an
`_async_*.py` module; `tests/client/test_unasync.py` fails while a twin is out of date.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENT = ROOT / "src" / "bilag" / "client"
HAND_WRITTEN = {"_async_client.py"}  # its blocking twin differs in more than keywords
REPLACEMENTS = [
    (r"\basync def\b", "def"),
    (r"\basync for\b", "for"),
    (r"\basync with\b", "with"),
    (r"\bawait ", ""),
    (r"\bAsyncIterator\b", "Iterator"),
    (r"\bAsyncIterable\b", "Iterable"),
    (r"\bAwaitable\[(\w+)\]", r"\1"),
    (r"\b_async_(\w+)\b", r"_\1"),
    (r"\bAsync([A-Z]\w*)\b", r"\1"),
]


def sources() -> list[Path]:
    return sorted(p for p in CLIENT.glob("_async_*.py") if p.name not in HAND_WRITTEN)


def twin_path(source: Path) -> Path:
    return source.with_name(source.name.removeprefix("_async"))


def twin_text(source: Path) -> str:
    text = source.read_text()
    for pattern, replacement in REPLACEMENTS:
        text = re.sub(pattern, replacement, text)
    header = f"# Generated from {source.name} by tools/unasync.py: edit that file, not this one.\n"
    return format_python(header + text, twin_path(source))


def format_python(text: str, path: Path) -> str:
    """The text as `ruff check --fix` and `ruff format` leave it (imports sorted, lines joined)."""
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    for command in (["check", "--fix-only"], ["format"]):
        text = subprocess.run(
            [ruff, *command, "--quiet", "--stdin-filename", str(path), "-"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    return text


def main() -> None:
    for source in sources():
        twin = twin_path(source)
        text = twin_text(source)
        if not twin.exists() or twin.read_text() != text:
            twin.write_text(text)
            print(f"wrote {twin.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
