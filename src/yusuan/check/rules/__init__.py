"""Rule modules, one per family (see docs/rules.md). `catalog.py` lists them in order."""
