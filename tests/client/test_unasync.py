"""The blocking resource modules are generated from their async twins, and must be up to date."""

import importlib.util
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "unasync.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("unasync", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["unasync"] = module
    spec.loader.exec_module(module)
    return module


unasync = load_tool()


@pytest.mark.parametrize("source", unasync.sources(), ids=lambda p: p.name)
def test_the_blocking_twin_is_generated_from_the_async_module(source: Path) -> None:
    twin = unasync.twin_path(source)
    assert twin.exists(), f"run python tools/unasync.py to write {twin.name}"
    assert twin.read_text() == unasync.twin_text(source), (
        f"{twin.name} is out of date: run python tools/unasync.py"
    )


def test_the_twin_drops_every_async_keyword(tmp_path: Path) -> None:
    source = tmp_path / "_async_sample.py"
    source.write_text(
        "from collections.abc import AsyncIterator\n\n\n"
        "class AsyncThings:\n"
        "    async def get(self, client: 'AsyncClient') -> AsyncIterator[int]:\n"
        "        async for item in client.iterate():\n"
        "            await client.execute(item)\n"
        "        return client\n"
    )
    header, text = unasync.twin_text(source).split("\n", 1)
    assert header.startswith("# Generated from _async_sample.py")
    assert "async" not in text.lower()
    assert "class Things:" in text
    assert "def get(self, client: 'Client') -> Iterator[int]:" in text.replace('"', "'")
    assert "client.execute(item)" in text
    assert unasync.twin_path(source).name == "_sample.py"
