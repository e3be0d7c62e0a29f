"""The tables, as SQLAlchemy Core: the same schema on SQLite and PostgreSQL.

The migrations in `migrations/versions/` create exactly these tables (a test compares them);
a new table or column goes here *and* into a new migration. Times are UTC without an offset.
Full-text search objects that only one backend has (FTS5, GIN) live in the migrations alone.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

ingest_runs = Table(
    "ingest_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", DateTime, nullable=False),
    Column("finished", DateTime),
    Column("status", String(16), nullable=False),  # running | done | failed (a killed run stays running)
    Column("args", JSON, nullable=False),
    Column("counts", JSON),
    Column("version", Text, nullable=False),
)

channels = Table(
    "channels", metadata,
    Column("id", Text, primary_key=True),  # tg:<channel id> | name:<source name>
    Column("name", Text, nullable=False),
    Column("telegram_id", Text),
    Column("kind", Text),  # the reader that first saw it
    Index("ix_channels_name", "name"),
)

documents = Table(
    "documents", metadata,
    Column("id", Text, primary_key=True),
    Column("channel_id", Text, ForeignKey("channels.id")),
    Column("message_id", Integer),
    Column("published", DateTime),
    Column("time_ambiguous", Boolean, nullable=False, default=False),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("lang", Text),
    Column("edited", Text),
    Column("meta", JSON, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("input_file", Text),
    Column("position", Text),
    Column("reader", Text),
    Column("run_id", Integer, ForeignKey("ingest_runs.id")),
    Column("updated_run_id", Integer, ForeignKey("ingest_runs.id")),
    Index("ix_documents_published", "published"),
    Index("ix_documents_channel_published", "channel_id", "published"),
    Index("ix_documents_channel_message", "channel_id", "message_id"),
    Index("ix_documents_content_hash", "content_hash"),
)

revisions = Table(
    "revisions", metadata,
    Column("document_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("content_hash", String(64), primary_key=True),
    Column("kind", Text, nullable=False),  # previous | variant
    Column("text", Text, nullable=False),
    Column("edited", Text),
    Column("input_file", Text),
    Column("reader", Text),
    Column("run_id", Integer, ForeignKey("ingest_runs.id")),
)

# The search index: one narrow row per document, so that matching, filtering and sorting thousands
# of hits never reads the documents' text. `published` and `channel_id` copy the document's.
# PostgreSQL keeps the terms in `lemmas` (GIN index); SQLite keeps them in the FTS5 table
# `search_fts` (rowid = seq) and leaves `lemmas` empty.
search_text = Table(
    "search_text", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # the FTS5 rowid
    Column("document_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("lemmas", Text, nullable=False),
    Column("published", DateTime),
    Column("channel_id", Text),
    UniqueConstraint("document_id", name="uq_search_text_document"),
)

analyses = Table(
    "analyses", metadata,
    Column("document_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("data", JSON, nullable=False),
    Column("run_id", Integer, ForeignKey("ingest_runs.id")),
)


def _doc_key() -> Column:
    return Column("document_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


entities = Table(
    "entities", metadata,
    _doc_key(),
    Column("entity_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("norm", Text, nullable=False),  # lower case, ё → е: what the entity filter matches
    Column("type", Text, nullable=False),
    Column("country", Text),
    Column("kind", Text),
    Column("roles", JSON, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("mention_count", Integer, nullable=False),
    Column("canon_id", Text),  # filled by cross-document linking (issue 7)
    Index("ix_entities_norm", "norm"),
    Index("ix_entities_canon", "canon_id"),
    Index("ix_entities_type_document", "type", "document_id"),  # the web's entity-type facet
)

mentions = Table(
    "mentions", metadata,
    _doc_key(),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("entity_id", Text),
    Column("normal", Text),
    Column("source", Text),
)

times = Table(
    "times", metadata,
    _doc_key(),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Text),  # a resolved date or time
    Column("value_start", Text),  # a resolved range
    Column("value_end", Text),
    Column("granularity", Text),
)

claims = Table(
    "claims", metadata,
    Column("id", Text, primary_key=True),  # <document_id>#c<idx>: stable across re-ingest
    Column("document_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("type", Text),
    Column("speaker", Text),
    Column("sourcing", Text),
    Column("insider", Boolean),
    Column("checkworthiness", Float),
    Column("text", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("data", JSON, nullable=False),
    Index("ix_claims_document", "document_id"),
    Index("ix_claims_checkworthiness", "checkworthiness"),  # the claims page sorts and filters on it
)

sentiment = Table(
    "sentiment", metadata,
    _doc_key(),
    Column("idx", Integer, primary_key=True),
    Column("entity_id", Text),
    Column("label", Text),
    Column("score", Float),
    Column("data", JSON, nullable=False),
)

events = Table(
    "events", metadata,
    _doc_key(),
    Column("idx", Integer, primary_key=True),
    Column("type", Text),
    Column("data", JSON, nullable=False),
)

links = Table(
    "links", metadata,
    _doc_key(),
    Column("idx", Integer, primary_key=True),
    Column("kind", Text, nullable=False),  # forward_of | reply_to | text_link | link | mention | hashtag | url
    Column("target", Text),
    Column("text", Text),
    Column("start", Integer),
    Column("end", Integer),
    Index("ix_links_kind_target", "kind", "target"),
)

rejects = Table(
    "rejects", metadata,
    Column("path", Text, primary_key=True),
    Column("position", Text, primary_key=True),
    Column("reason", Text, primary_key=True),
    Column("raw", Text),
    Column("run_id", Integer, ForeignKey("ingest_runs.id")),
)

# Derived from `analyses.data`: deleted and rewritten with it.
ANALYSIS_TABLES = (entities, mentions, times, claims, sentiment, events)
# Derived from the document itself.
DOCUMENT_TABLES = (links, search_text)

# The cross-source linking tables (issue 7) live in their own module on this metadata.
from sverka.store import link_tables  # noqa: E402, F401
