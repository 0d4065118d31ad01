"""The public surface: every name in __all__ resolves, and importing casekit stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import casekit


@pytest.mark.parametrize("name", casekit.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(casekit, name) is not None


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        casekit.nothing  # noqa: B018


def test_import_does_not_load_the_stages() -> None:
    code = "import sys, casekit; print(sorted(m for m in sys.modules if m.startswith('casekit')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['casekit']"


def test_the_library_api_works_end_to_end() -> None:
    import casekit.pipeline  # loads every stage module (and binds their names), as a program would

    text = casekit.normalize_text("一、總體要求\n全年培訓黨員3000餘人次。").text
    assert text.startswith("一、总体要求")
    (node,) = casekit.parse_outline(text)
    assert node.label == "一、"
    (figure,) = casekit.extract_figures(text)
    assert (figure.value, figure.unit, figure.qualifier) == (3000.0, "人次", "over")
    assert casekit.parse_number("一千二百三十万") == 12_300_000.0
