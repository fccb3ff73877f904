"""Imported once by the reading processes' forkserver (worker.PRELOAD): reads and checks one small PDF —
the Wuhan skeleton budget rendered — so that the caches a first reading fills (layouts, vocabulary,
codebook, fonts, compiled patterns) are filled in the forkserver, and every forked reader starts warm.
A 21-page sample (sh-czkj) read by a forked reader: 1.2–1.5 s cold, 0.3–0.7 s warm."""
from __future__ import annotations

import os
import tempfile


def warm() -> None:
    from ..api import check_file
    from ..check.report import to_html, to_json
    from ..render.pdf import render
    from ..render.yaml_template import skeleton_budget
    folder = tempfile.mkdtemp(prefix="yusuan-warm-")
    path = os.path.join(folder, "warm.pdf")
    try:
        with open(path, "wb") as handle:
            handle.write(render(skeleton_budget("预热单位", 2026)))
        budget, report = check_file(path)
        to_json([(report, budget, "warm.pdf")])
        to_html([(report, budget, "warm.pdf")])
        budget.model_dump_json()
    finally:
        try:
            os.remove(path)
            os.rmdir(folder)
        except OSError:
            pass


try:
    warm()
except Exception:  # warming is an optimisation: a reader then starts cold, not broken
    pass
