"""Checking: the rule catalog (registry.py, catalog.py, rules/<family>.py), the engine (run.py)
and the report formats (report.py). `check(budget, reading_findings, settings) -> Report`."""
from .run import Report, Skipped, check
from .settings import CheckSettings

__all__ = ["CheckSettings", "Report", "Skipped", "check"]
