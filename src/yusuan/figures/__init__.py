"""Derived views of a Budget: key figures (summary) and one row per number (facts)."""
