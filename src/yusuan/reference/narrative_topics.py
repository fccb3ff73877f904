"""What a narrative section heading is about, by its words (vocabulary/narrative_topics.yaml)."""
from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

import yaml

from .layouts import normalize_label


@cache
def _topics() -> tuple[tuple[str, tuple[tuple[str, ...], ...], tuple[str, ...]], ...]:
    text = resources.files("yusuan.reference").joinpath("vocabulary", "narrative_topics.yaml").read_text(encoding="utf-8")
    return tuple((t["topic"], tuple(tuple(normalize_label(w) for w in g) for g in t["all"]),
                  tuple(normalize_label(w) for w in t.get("none", ())))
                 for t in yaml.safe_load(text)["topics"])


@lru_cache(maxsize=1024)
def topic_of_heading(title: str) -> str | None:
    """'一般公共预算机关运行经费支出预算情况说明' → 'other_matters'; None when the words say nothing."""
    key = normalize_label(title).replace('"', "")
    for topic, groups, none in _topics():
        if all(any(w in key for w in g) for g in groups) and not any(w in key for w in none):
            return topic
    return None
