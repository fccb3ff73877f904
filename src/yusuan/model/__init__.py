"""The budget model: plain, typed, immutable data. Imports nothing else from yusuan."""
from .amount import Amount, AmountUnit, from_yuan, to_yuan
from .budget import (
    Budget,
    DocumentKind,
    DocumentNote,
    DocumentLevel,
    GlossaryEntry,
    OtherMatter,
    PartHeading,
    PriorFigure,
    StatedFigure,
    TextSection,
    TocEntry,
    Unit,
    UnreadTable,
)
from .execution import ExecutionClaim
from .finding import Finding, Location, Severity
from .narrative import Claim, Direction, NarrativeSection, Paragraph, Subject
from .performance import (
    CostItem,
    FundingLine,
    Goal,
    Indicator,
    OverallPerformance,
    PerformanceProject,
    ProjectListTotal,
    ProjectPerformance,
    StructureLine,
    TargetValue,
)
from .source import Frozen, SourceRef
from .table import LEVEL_LABELS, Cell, Column, Row, RowLevel, Side, Table

__all__ = [
    "Amount", "AmountUnit", "from_yuan", "to_yuan",
    "Budget", "DocumentKind", "DocumentLevel", "DocumentNote", "StatedFigure", "GlossaryEntry", "OtherMatter",
    "PartHeading", "PriorFigure", "TextSection", "TocEntry", "Unit", "UnreadTable",
    "ExecutionClaim", "Finding", "Location", "Severity",
    "Claim", "Direction", "NarrativeSection", "Paragraph", "Subject",
    "CostItem", "FundingLine", "Goal", "Indicator", "OverallPerformance", "PerformanceProject",
    "ProjectListTotal", "ProjectPerformance", "StructureLine", "TargetValue",
    "Frozen", "SourceRef",
    "LEVEL_LABELS", "Cell", "Column", "Row", "RowLevel", "Side", "Table",
]
