"""sverka: turn Russian-language political posts and news into structured, checkable evidence."""

from sverka.api import analyze, analyze_docs
from sverka.doc import Analysis, Document, Entity, Mention, TimeExpr
from sverka.store import open

__all__ = ["Analysis", "Document", "Entity", "Mention", "TimeExpr", "analyze", "analyze_docs", "open"]
__version__ = "0.1.0"
