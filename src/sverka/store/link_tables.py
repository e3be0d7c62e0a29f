"""Tables of cross-source linking (issue 7, `sverka.link`), on the shared `schema.metadata`.

Created by migration `0002_linking`. `link_state` holds the pickled incremental `Linker`, so
`sverka link` adds new documents to it; the other tables are its results in plain rows for SQL, the
REST API and the web pages. They are rewritten by `sverka link` (derived data: nothing is lost).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, Index, Integer, LargeBinary, String, Table, Text

from sverka.store.schema import metadata

link_state = Table(
    "link_state", metadata,
    Column("id", Integer, primary_key=True),  # always 1
    Column("data", LargeBinary, nullable=False),  # the pickled sverka.link.Linker
    Column("documents", Integer, nullable=False),
    Column("updated", DateTime, nullable=False),
)

duplicates = Table(
    "duplicates", metadata,
    Column("a", Text, primary_key=True),  # the earlier document
    Column("b", Text, primary_key=True),
    Column("kind", String(16), nullable=False),  # forward | copy | near_duplicate
    Column("score", Float, nullable=False),
    Index("ix_duplicates_b", "b"),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("start", DateTime),
    Column("end", DateTime),
    Column("size", Integer, nullable=False),
    Column("first_document", Text),
    Index("ix_stories_start", "start"),
)

story_documents = Table(
    "story_documents", metadata,
    Column("story_id", Integer, primary_key=True),
    Column("document_id", Text, primary_key=True),
    Index("ix_story_documents_document", "document_id"),
)

claim_links = Table(
    "claim_links", metadata,
    Column("a", Text, primary_key=True),  # "<document id>#<claim index>", the earlier claim
    Column("b", Text, primary_key=True),
    Column("relation", String(16), nullable=False),  # corroborate | contradict
    Column("independent", Boolean, nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text),
)

entity_merges = Table(
    "entity_merges", metadata,
    Column("id", Integer, primary_key=True),
    Column("op", String(8), nullable=False),  # merge | split
    Column("a", Text, nullable=False),
    Column("b", Text, nullable=False),
    Column("reason", Text),
    Column("source", String(8), nullable=False),  # auto | user
    Column("undone", Boolean, nullable=False),
)
