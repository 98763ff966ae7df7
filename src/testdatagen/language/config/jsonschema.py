"""The published JSON Schema of the config form, generated from the pydantic models.

``python -m testdatagen.language.config.jsonschema > docs/tdg-config.schema.json``
regenerates it; a test fails when the committed file is stale. Editors use
it to complete and validate configs (``"$schema"`` in JSON, or the YAML
language server's ``# yaml-language-server: $schema=…`` comment).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from testdatagen.language.config.spec import ConfigDocument

__all__ = ["SCHEMA_ID", "config_json_schema", "main", "schema_text"]

SCHEMA_ID = "https://testdatagen.dev/schema/tdg-config.schema.json"


def config_json_schema() -> dict[str, Any]:
    """Draft 2020-12 schema of a config document, as validators read it."""
    schema = ConfigDocument.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def schema_text() -> str:
    """Stable text (sorted keys, two-space indent, final newline) so diffs stay small."""
    return json.dumps(config_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    sys.stdout.write(schema_text())


if __name__ == "__main__":
    main()
