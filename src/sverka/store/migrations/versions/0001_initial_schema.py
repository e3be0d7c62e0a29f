"""The initial schema: documents, provenance, analyses and their normalised rows, full-text search.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 14:22:28.498210
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('channels',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('telegram_id', sa.Text(), nullable=True),
    sa.Column('kind', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_channels_name', 'channels', ['name'], unique=False)

    op.create_table('ingest_runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('started', sa.DateTime(), nullable=False),
    sa.Column('finished', sa.DateTime(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('args', sa.JSON(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.Column('version', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('documents',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('channel_id', sa.Text(), nullable=True),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('published', sa.DateTime(), nullable=True),
    sa.Column('time_ambiguous', sa.Boolean(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('lang', sa.Text(), nullable=True),
    sa.Column('edited', sa.Text(), nullable=True),
    sa.Column('meta', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('input_file', sa.Text(), nullable=True),
    sa.Column('position', sa.Text(), nullable=True),
    sa.Column('reader', sa.Text(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('updated_run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['channel_id'], ['channels.id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['ingest_runs.id'], ),
    sa.ForeignKeyConstraint(['updated_run_id'], ['ingest_runs.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_documents_channel_message', 'documents', ['channel_id', 'message_id'], unique=False)
    op.create_index('ix_documents_channel_published', 'documents', ['channel_id', 'published'], unique=False)
    op.create_index('ix_documents_content_hash', 'documents', ['content_hash'], unique=False)
    op.create_index('ix_documents_published', 'documents', ['published'], unique=False)

    op.create_table('rejects',
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('position', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('raw', sa.Text(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['ingest_runs.id'], ),
    sa.PrimaryKeyConstraint('path', 'position', 'reason')
    )
    op.create_table('analyses',
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('version', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['ingest_runs.id'], ),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_table('claims',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('type', sa.Text(), nullable=True),
    sa.Column('speaker', sa.Text(), nullable=True),
    sa.Column('sourcing', sa.Text(), nullable=True),
    sa.Column('insider', sa.Boolean(), nullable=True),
    sa.Column('checkworthiness', sa.Float(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_claims_document', 'claims', ['document_id'], unique=False)

    op.create_table('entities',
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('entity_id', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('norm', sa.Text(), nullable=False),
    sa.Column('type', sa.Text(), nullable=False),
    sa.Column('country', sa.Text(), nullable=True),
    sa.Column('kind', sa.Text(), nullable=True),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('mention_count', sa.Integer(), nullable=False),
    sa.Column('canon_id', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'entity_id')
    )
    op.create_index('ix_entities_canon', 'entities', ['canon_id'], unique=False)
    op.create_index('ix_entities_norm', 'entities', ['norm'], unique=False)

    op.create_table('events',
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('type', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'idx')
    )
    op.create_table('links',
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('target', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'idx')
    )
    op.create_index('ix_links_kind_target', 'links', ['kind', 'target'], unique=False)

    op.create_table('mentions',
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.Text(), nullable=False),
    sa.Column('entity_id', sa.Text(), nullable=True),
    sa.Column('normal', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'idx')
    )
    op.create_table('revisions',
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('edited', sa.Text(), nullable=True),
    sa.Column('input_file', sa.Text(), nullable=True),
    sa.Column('reader', sa.Text(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['ingest_runs.id'], ),
    sa.PrimaryKeyConstraint('document_id', 'content_hash')
    )
    op.create_table('search_text',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('lemmas', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('document_id', name='uq_search_text_document')
    )
    op.create_table('sentiment',
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Text(), nullable=True),
    sa.Column('label', sa.Text(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'idx')
    )
    op.create_table('times',
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('value_start', sa.Text(), nullable=True),
    sa.Column('value_end', sa.Text(), nullable=True),
    sa.Column('granularity', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'idx')
    )
    create_fulltext()


def downgrade() -> None:
    drop_fulltext()
    op.drop_table('times')
    op.drop_table('sentiment')
    op.drop_table('search_text')
    op.drop_table('revisions')
    op.drop_table('mentions')
    op.drop_index('ix_links_kind_target', table_name='links')

    op.drop_table('links')
    op.drop_table('events')
    op.drop_index('ix_entities_norm', table_name='entities')
    op.drop_index('ix_entities_canon', table_name='entities')

    op.drop_table('entities')
    op.drop_index('ix_claims_document', table_name='claims')

    op.drop_table('claims')
    op.drop_table('analyses')
    op.drop_table('rejects')
    op.drop_index('ix_documents_published', table_name='documents')
    op.drop_index('ix_documents_content_hash', table_name='documents')
    op.drop_index('ix_documents_channel_published', table_name='documents')
    op.drop_index('ix_documents_channel_message', table_name='documents')

    op.drop_table('documents')
    op.drop_table('ingest_runs')
    op.drop_index('ix_channels_name', table_name='channels')

    op.drop_table('channels')


# Full text over the lemmatised text: FTS5 on SQLite (kept in sync by triggers), a GIN expression
# index on PostgreSQL. The 'simple' configuration only lower-cases: lemmas are ours, not Snowball's.
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(lemmas, content='search_text', content_rowid='seq', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN "
    "INSERT INTO search_fts(rowid, lemmas) VALUES (new.seq, new.lemmas); END",
    "CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, lemmas) VALUES ('delete', old.seq, old.lemmas); END",
    "CREATE TRIGGER search_text_au AFTER UPDATE ON search_text BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, lemmas) VALUES ('delete', old.seq, old.lemmas); "
    "INSERT INTO search_fts(rowid, lemmas) VALUES (new.seq, new.lemmas); END",
)
POSTGRES_FTS = ("CREATE INDEX ix_search_text_tsv ON search_text USING gin (to_tsvector('simple', lemmas))",)


def create_fulltext() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS if dialect == "postgresql" else ():
        op.execute(statement)


def drop_fulltext() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("search_text_ai", "search_text_ad", "search_text_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_text_tsv")
