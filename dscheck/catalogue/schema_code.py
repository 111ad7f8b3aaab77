"""schema.json compiled to Python ahead of time: compiling it at first use cost every run about 25 ms.

    python -m dscheck.catalogue.schema_code      # rewrite compiled_schema.py after changing schema.json

A test checks that compiled_schema.py is what this writes from the current schema.json.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "compiled_schema.py"
HEADER = (
    '"""The catalogue schema (schema.json) compiled by fastjsonschema. Generated: do not edit; rewrite it with\n'
    '`python -m dscheck.catalogue.schema_code` after changing schema.json."""\n'
    "# fmt: off\n"
    "# ruff: noqa\n"
)


def source() -> str:
    import fastjsonschema

    schema = json.loads((HERE / "schema.json").read_text("utf-8"))
    return HEADER + fastjsonschema.compile_to_code(schema) + "\n"


if __name__ == "__main__":
    TARGET.write_text(source(), "utf-8")
    print(f"wrote {TARGET}")
