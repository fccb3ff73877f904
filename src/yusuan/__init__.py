"""yusuan (预算): check, prepare and compare Chinese public budget disclosure documents.

For notebooks (docs/api.md):

    import yusuan
    budget = yusuan.load("budget.pdf")        # the typed model (yusuan.model.Budget)
    report = yusuan.check("budget.pdf")       # findings of every rule (report.findings)
    df = yusuan.facts("budget.pdf")           # every number, one row (pandas DataFrame)
    df = yusuan.facts("sqlite:///budgets.sqlite")  # every stored value of a store
"""

import sys
import types

__version__ = "0.1.0"

__all__ = ["check", "facts", "load", "open_store"]


def load(path, layout: str | None = None):
    """Read one document → Budget. Raises yusuan.read.raw.UnreadableError with a Chinese message."""
    from .api import load_budget

    return load_budget(path, layout)[0]


class _Check:
    """`yusuan.check(path)`: read and check one document → Report (`.findings`, `.count(Severity.ERROR)`,
    `.fails()`).

    The name is also the subpackage of the rules (`yusuan.check`): importing it would rebind the package
    attribute to the module, so the attribute stays this callable (see _Package) and any other attribute
    is the subpackage's (`yusuan.check.CATALOG` after `import yusuan.check` still works)."""

    def __call__(self, path, layout: str | None = None):
        from .api import check_file

        return check_file(path, layout)[1]

    def __getattr__(self, name: str):
        import importlib

        return getattr(importlib.import_module("yusuan.check"), name)

    def __repr__(self) -> str:
        return "<function yusuan.check(path, layout=None)>"


check = _Check()


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value) -> None:
        if name == "check" and isinstance(value, types.ModuleType):
            return  # the subpackage stays in sys.modules; yusuan.check stays the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def open_store(db=None):
    """The store at `db` (a SQLite path or URL, a postgresql:// URL; default $YUSUAN_DB or
    ~/.local/share/yusuan/yusuan.sqlite), migrated to the current schema."""
    from .store import open_store as _open

    return _open(db)


def facts(source, layout: str | None = None):
    """Every number as one row of a pandas DataFrame, value_yuan an exact Decimal (None where no money).

    `source`: a document (the columns of `yusuan facts`); a folder (the same, with a `file` column
    first, unreadable files skipped); a Budget; a store (a Store, a URL with ://, or a .sqlite/.db file:
    the columns of `yusuan export`)."""
    import pandas as pd
    from pathlib import Path

    from .figures.facts import FACT_COLUMNS, budget_facts
    from .model import Budget
    from .store import Store

    def of_budget(budget: Budget) -> list[dict]:
        return [{c: getattr(f, c) for c in FACT_COLUMNS} for f in budget_facts(budget)]

    if isinstance(source, Budget):
        return pd.DataFrame(of_budget(source), columns=list(FACT_COLUMNS))
    text = str(source)
    if isinstance(source, Store) or "://" in text or Path(text).suffix.lower() in (".sqlite", ".sqlite3", ".db"):
        from .store import export

        store = source if isinstance(source, Store) else open_store(text)
        try:
            return pd.DataFrame(list(export.rows(store)), columns=list(export.COLUMNS))
        finally:
            if store is not source:
                store.close()
    path = Path(text)
    if path.is_dir():
        from .batch import expand
        from .read.raw import UnreadableError

        rows = []
        for file in expand([path]):
            try:
                rows.extend({"file": str(file), **row} for row in of_budget(load(file, layout)))
            except UnreadableError:
                continue
        return pd.DataFrame(rows, columns=["file", *FACT_COLUMNS])
    return pd.DataFrame(of_budget(load(path, layout)), columns=list(FACT_COLUMNS))
