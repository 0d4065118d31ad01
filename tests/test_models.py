"""The data contract: every field documented, unknown fields refused, JSON Schema exportable."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from casekit.models import RECORD_TYPES, SCHEMA_VERSION, Figure, Initiative


@pytest.mark.parametrize("table", sorted(RECORD_TYPES))
def test_every_field_is_in_the_json_schema(table: str) -> None:
    model = RECORD_TYPES[table]
    schema = model.model_json_schema()
    assert set(schema["properties"]) == set(model.model_fields)
    assert "schema_version" in schema["properties"]


def test_schema_version_is_filled_in() -> None:
    fig = Figure(kind="money", value=2e5, text="20余万元", start=0, end=5)
    assert fig.schema_version == SCHEMA_VERSION
    assert fig.low is None and fig.high is None and fig.sentence == ""


def test_unknown_fields_and_kinds_are_refused() -> None:
    with pytest.raises(ValidationError):
        Figure(kind="money", value=1, text="1元", start=0, end=2, colour="red")
    with pytest.raises(ValidationError):
        Figure(kind="weight", value=1, text="1斤", start=0, end=2)


def test_initiative_lists_default_to_empty_and_are_independent() -> None:
    base = dict(id="b:1", bulletin_id="b", path="1", level=1, kind="numbered", label="1、", title="", text="")
    a = Initiative(**base, start=0, end=3)
    b = Initiative(**base, start=0, end=3)
    a.points.append("一是")
    assert b.points == [] and a.lead_units == [] and a.responsible_units == []
