"""Shared fixtures: the sample bulletins and their gold annotations, copied into tests/fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

# no per-example deadline: CI machines are slow and shared; examples are still bounded in number
settings.register_profile("casekit", deadline=None, print_blob=True)
settings.load_profile("casekit")

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = FIXTURES / "samples"
GOLD = FIXTURES / "gold"


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    paths = sorted(SAMPLES.glob("*.txt"))
    assert len(paths) == 5, "tests/fixtures/samples must hold the five sample bulletins"
    return paths


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    """Gold annotations by sample file name."""
    return {p.stem + ".txt": json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}
