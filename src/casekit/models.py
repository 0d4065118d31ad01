"""The data contract: pydantic models of the records casekit writes as JSON Lines.

Three record types, one file each in the store folder:

- ``Bulletin``   -> ``bulletins.jsonl``   (one per ingested file)
- ``Initiative`` -> ``initiatives.jsonl`` (one per outline node, in reading order)
- ``Figure``     -> ``figures.jsonl``     (one per stated count, sum of money, percentage...)

Offsets (``start``/``end``) are Python string indices into ``Bulletin.text``, the normalized
text, so ``bulletin.text[start:end]`` is the span. ``SCHEMA_VERSION`` changes whenever a field
is added, removed or changes meaning; readers check it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Script = Literal["simplified", "traditional", "mixed"]
NodeKind = Literal["numbered", "heading", "case", "record", "article", "paragraph", "whole"]
IssuerSource = Literal["case", "record", "article", "lead_unit", "inherited", "bulletin"]
FigureKind = Literal["count", "money", "percent", "percentage_point", "area", "measure"]
Qualifier = Literal["over", "under", "approx", "range"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Bulletin(_Record):
    """One ingested bulletin, with its whole normalized text."""

    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="Stable id: 'b' + first 16 hex digits of sha256 of the normalized text.")
    source: str = Field(description="The path of the input file, as given on the command line.")
    sha256: str = Field(description="sha256 of the raw bytes of the input file.")
    encoding: str = Field(description="Encoding the raw bytes were decoded with (utf-8, gb18030, big5...).")
    script: Script = Field(description="Script of the original text, before conversion to simplified.")
    title: str | None = Field(default=None, description="The bulletin's title line, if it has one.")
    issuer: str | None = Field(
        default=None, description="Body that issued the bulletin, simplified, no 中共."
    )
    issuer_raw: str | None = Field(default=None, description="The issuer as written in the text.")
    year: int | None = Field(default=None, description="Year the bulletin reports on.")
    n_chars: int = Field(description="Length of the normalized text in characters.")
    text: str = Field(description="The whole normalized text (simplified script, page furniture removed).")


class NodeFields(_Record):
    """What the outline parser and the issuer stage know about one node."""

    path: str = Field(
        description="Position in the outline: '3.4' is the 4th child of the 3rd top-level node."
    )
    level: int = Field(description="Depth in the outline, 1 for top-level nodes.")
    kind: NodeKind = Field(description="How the node was recognised (numbered marker, case, record...).")
    label: str = Field(description="The numbering marker as written ('1、', '(一)', '【】'), '' if none.")
    title: str = Field(description="The node's heading (or its headline sentence).")
    text: str = Field(description="The node's own text: after its heading, before its first child.")
    start: int = Field(
        description="Offset of the node's first character (marker included) in the bulletin text."
    )
    end: int = Field(description="Offset just past the node's last character, children included.")
    issuer: str | None = Field(default=None, description="Body that carries out or reports this item.")
    issuer_raw: str | None = Field(default=None, description="The issuer as written in the text.")
    issuer_source: IssuerSource | None = Field(default=None, description="Where the issuer came from.")
    lead_units: list[str] = Field(default_factory=list, description="Lead units named after 牵头单位.")
    responsible_units: list[str] = Field(default_factory=list, description="Units named after 责任单位.")
    points: list[str] = Field(default_factory=list, description="In-paragraph enumerations (一是…二是…).")


class Initiative(NodeFields):
    """One node of a bulletin's outline: a numbered item, a case, a record, an article..."""

    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="Stable id: '<bulletin_id>:<path>'.")
    bulletin_id: str
    parent_id: str | None = Field(default=None, description="Id of the enclosing node, null at top level.")


class Figure(_Record):
    """One measurable fact stated in the text: a count, a sum of money, a percentage..."""

    schema_version: str = SCHEMA_VERSION
    id: str | None = Field(default=None, description="Stable id: '<bulletin_id>:f<start>-<end>[:n]'.")
    bulletin_id: str | None = None
    initiative_id: str | None = Field(default=None, description="Innermost initiative containing the figure.")
    kind: FigureKind
    value: float = Field(description="Money in yuan, percent in points, counts as numbers.")
    low: float | None = Field(default=None, description="Lower bound of the stated interval; null if open.")
    high: float | None = Field(default=None, description="Upper bound of the stated interval; null if open.")
    unit: str | None = Field(
        default=None, description="Measure word (个, 名...), '元' for money, '%' for percent."
    )
    qualifier: Qualifier | None = Field(
        default=None, description="over / under / approx / range, null if exact."
    )
    subject: str | None = Field(
        default=None, description="What is counted or paid for, shortest noun phrase."
    )
    text: str = Field(description="The figure as written, qualifier characters included.")
    start: int = Field(description="Offset of the figure's first character in the text.")
    end: int = Field(description="Offset just past the figure's last character.")
    sentence: str = Field(default="", description="The sentence the figure stands in.")


RECORD_TYPES: dict[str, type[_Record]] = {
    "bulletins": Bulletin,
    "initiatives": Initiative,
    "figures": Figure,
}
