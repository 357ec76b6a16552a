"""Rules over extracted deliberations; they never raise, every failure is a Finding.

`validate_all(results)` fills each DeliberationResult.findings. Rule ids, severities and the law
they encode are in validation/rules.py; date-dependent regimes in validation/periods.py.
"""
from __future__ import annotations

from .rules import RULES, validate


def validate_all(results) -> None:
    for d in results:
        d.findings = validate(d)


__all__ = ["RULES", "validate", "validate_all"]
