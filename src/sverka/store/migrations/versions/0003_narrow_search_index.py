"""A narrow search index: published and channel in search_text; on SQLite the terms move into FTS5.

Matching "Путин" in 100k documents hit ~10k rows; reading each hit's wide row (its terms, or the
document's text) to sort by date cost ~100 ms. Now the hit rows are narrow on both backends.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COPY_FROM_DOCUMENTS = (
    "UPDATE search_text SET published = (SELECT d.published FROM documents d WHERE d.id = search_text.document_id), "
    "channel_id = (SELECT d.channel_id FROM documents d WHERE d.id = search_text.document_id)"
)
SQLITE_DROP_TRIGGERS = (
    "DROP TRIGGER IF EXISTS search_text_ai",
    "DROP TRIGGER IF EXISTS search_text_ad",
    "DROP TRIGGER IF EXISTS search_text_au",
)
SQLITE_UP = (
    "DROP TABLE IF EXISTS search_fts",
    # A regular FTS5 table keeps its own copy of the terms; rows are deleted by rowid.
    "CREATE VIRTUAL TABLE search_fts USING fts5(lemmas, tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO search_fts(rowid, lemmas) SELECT seq, lemmas FROM search_text",
    "UPDATE search_text SET lemmas = ''",
    "CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.seq; END",
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column("search_text", sa.Column("published", sa.DateTime(), nullable=True))
    op.add_column("search_text", sa.Column("channel_id", sa.Text(), nullable=True))
    for statement in SQLITE_DROP_TRIGGERS if sqlite else ():
        op.execute(statement)
    op.execute(COPY_FROM_DOCUMENTS)
    for statement in SQLITE_UP if sqlite else ():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS search_text_ad")
        op.execute("UPDATE search_text SET lemmas = "
                   "(SELECT f.lemmas FROM search_fts f WHERE f.rowid = search_text.seq)")
        op.execute("DROP TABLE IF EXISTS search_fts")
        for statement in SQLITE_DOWN:
            op.execute(statement)
    with op.batch_alter_table("search_text") as batch:
        batch.drop_column("channel_id")
        batch.drop_column("published")


# The external-content FTS5 table and triggers of 0001, rebuilt from search_text.lemmas.
SQLITE_DOWN = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(lemmas, content='search_text', content_rowid='seq', "
    "tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN "
    "INSERT INTO search_fts(rowid, lemmas) VALUES (new.seq, new.lemmas); END",
    "CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, lemmas) VALUES ('delete', old.seq, old.lemmas); END",
    "CREATE TRIGGER search_text_au AFTER UPDATE ON search_text BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, lemmas) VALUES ('delete', old.seq, old.lemmas); "
    "INSERT INTO search_fts(rowid, lemmas) VALUES (new.seq, new.lemmas); END",
)
