"""The report stage: results in, a table or a document out. FORMATS maps each format name to its writer."""

from __future__ import annotations

from collections.abc import Callable

from dscheck.reports import json, table

# Each writer takes (results, context) and returns the report's text.
FORMATS: dict[str, Callable] = {
    "table": table.render,
    "json": json.render,
}
