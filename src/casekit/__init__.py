"""casekit: Chinese local-government bulletins to a structured corpus.

The public surface, for use as a library::

    from casekit import normalize_text, parse_outline, extract_figures, parse_number
    from casekit import ingest, extract, export_store, compute_stats
    from casekit import Bulletin, Initiative, Figure

Each name is imported from its stage module on first use, so ``import casekit`` stays light.
(``normalize_text`` is ``casekit.normalize.normalize``: the module's own name is taken.)
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Bulletin": "casekit.models",
    "Initiative": "casekit.models",
    "Figure": "casekit.models",
    "SCHEMA_VERSION": "casekit.models",
    "decode_bytes": "casekit.reading",
    "read_source": "casekit.reading",
    "InputError": "casekit.reading",
    "normalize_text": "casekit.normalize",
    "parse_outline": "casekit.outline",
    "assign_issuers": "casekit.issuers",
    "extract_figures": "casekit.figures",
    "parse_number": "casekit.figures",
    "ingest": "casekit.pipeline",
    "extract": "casekit.pipeline",
    "Filters": "casekit.filters",
    "export_store": "casekit.export",
    "compute_stats": "casekit.stats",
}

__all__ = ["__version__", *_EXPORTS]


_RENAMED = {"normalize_text": "normalize"}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), _RENAMED.get(name, name))
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'casekit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
