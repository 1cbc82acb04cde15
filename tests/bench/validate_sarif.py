#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates a SARIF file against the SARIF 2.1.0 JSON schema kept in data/.
# Usage: validate_sarif.py SCHEMA FILE. Exit 0 when valid, 1 with the
# problems on stderr, 2 when python3-jsonschema is missing.
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (apt-get install python3-jsonschema)",
          file=sys.stderr)
    sys.exit(2)

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    document = json.load(f)

validator = jsonschema.Draft4Validator(schema)
errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
for error in errors[:20]:
    path = "/".join(str(p) for p in error.absolute_path)
    print(f"{path}: {error.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
