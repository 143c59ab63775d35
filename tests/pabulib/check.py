#!/usr/bin/env python3
"""Runs pabulib-checker (PyPI `pabulib-checker`) on pabulib files; exits non-zero and prints
the errors when any file has one. Warnings are printed and tolerated.

    python3 tests/pabulib/check.py FILE.pb [FILE.pb ...]
"""

import json
import sys

from pabulib.checker import Checker


def main() -> int:
    results = Checker().process_files(sys.argv[1:])
    failed = False
    for name, result in results.items():
        if name in ("metadata", "summary"):
            continue
        found = result.get("results", {})
        errors = found.get("errors") if isinstance(found, dict) else None
        warnings = found.get("warnings") if isinstance(found, dict) else None
        if warnings:
            print(f"{name}: warnings: {json.dumps(warnings, ensure_ascii=False, default=str)}")
        if errors:
            failed = True
            print(f"{name}: errors: {json.dumps(errors, ensure_ascii=False, default=str)}")
    print(json.dumps(results.get("metadata", {})))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
