"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tracker.store.schema


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('compression', sa.String(length=16), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', tracker.store.schema.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blobs'))
    )
    op.create_table('digests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', tracker.store.schema.UTCDateTime(), nullable=False),
    sa.Column('period_start', tracker.store.schema.UTCDateTime(), nullable=True),
    sa.Column('period_end', tracker.store.schema.UTCDateTime(), nullable=False),
    sa.Column('first_change_id', sa.Integer(), nullable=True),
    sa.Column('last_change_id', sa.Integer(), nullable=True),
    sa.Column('change_count', sa.Integer(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('delivered_at', tracker.store.schema.UTCDateTime(), nullable=True),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('error_message', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digests'))
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('service', sa.String(length=200), nullable=False),
    sa.Column('type', sa.String(length=200), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('select_rules', sa.JSON(), nullable=False),
    sa.Column('remove_rules', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', tracker.store.schema.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('slug', name=op.f('uq_documents_slug'))
    )
    op.create_table('runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', tracker.store.schema.UTCDateTime(), nullable=False),
    sa.Column('finished_at', tracker.store.schema.UTCDateTime(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('trigger', sa.String(length=20), nullable=False),
    sa.Column('documents_total', sa.Integer(), nullable=False),
    sa.Column('documents_failed', sa.Integer(), nullable=False),
    sa.Column('documents_changed', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_runs'))
    )
    op.create_table('versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('raw_sha256', sa.String(length=64), nullable=True),
    sa.Column('first_seen', tracker.store.schema.UTCDateTime(), nullable=False),
    sa.Column('last_verified', tracker.store.schema.UTCDateTime(), nullable=False),
    sa.Column('extractor_version', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('effective_date', sa.Date(), nullable=True),
    sa.Column('clause_count', sa.Integer(), nullable=False),
    sa.Column('technical', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_versions_document_id_documents')),
    sa.ForeignKeyConstraint(['raw_sha256'], ['blobs.sha256'], name=op.f('fk_versions_raw_sha256_blobs')),
    sa.ForeignKeyConstraint(['text_sha256'], ['blobs.sha256'], name=op.f('fk_versions_text_sha256_blobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_versions')),
    sa.UniqueConstraint('document_id', 'number', name='uq_versions_document_number')
    )
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.create_index('ix_versions_document_first_seen', ['document_id', 'first_seen'], unique=False)
        batch_op.create_index(batch_op.f('ix_versions_text_sha256'), ['text_sha256'], unique=False)

    op.create_table('changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('from_version_id', sa.Integer(), nullable=False),
    sa.Column('to_version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('detail', sa.String(length=40), nullable=True),
    sa.Column('old_clause_ids', sa.JSON(), nullable=False),
    sa.Column('new_clause_ids', sa.JSON(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.Column('inline', sa.JSON(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('created_at', tracker.store.schema.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_changes_document_id_documents')),
    sa.ForeignKeyConstraint(['from_version_id'], ['versions.id'], name=op.f('fk_changes_from_version_id_versions')),
    sa.ForeignKeyConstraint(['to_version_id'], ['versions.id'], name=op.f('fk_changes_to_version_id_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes'))
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index('ix_changes_created', ['created_at'], unique=False)
        batch_op.create_index('ix_changes_document_to_version', ['document_id', 'to_version_id'], unique=False)

    op.create_table('clauses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('lineage_id', sa.Integer(), nullable=True),
    sa.Column('path', sa.JSON(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name=op.f('fk_clauses_version_id_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clauses')),
    sa.UniqueConstraint('version_id', 'position', name='uq_clauses_version_position')
    )
    with op.batch_alter_table('clauses', schema=None) as batch_op:
        batch_op.create_index('ix_clauses_lineage', ['lineage_id'], unique=False)
        batch_op.create_index('ix_clauses_sha256', ['sha256'], unique=False)

    op.create_table('fetches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('started_at', tracker.store.schema.UTCDateTime(), nullable=False),
    sa.Column('duration_ms', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('http_status', sa.Integer(), nullable=True),
    sa.Column('final_url', sa.Text(), nullable=True),
    sa.Column('content_type', sa.String(length=200), nullable=True),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.String(length=100), nullable=True),
    sa.Column('raw_sha256', sa.String(length=64), nullable=True),
    sa.Column('text_sha256', sa.String(length=64), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('error_kind', sa.String(length=40), nullable=True),
    sa.Column('error_message', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_fetches_document_id_documents')),
    sa.ForeignKeyConstraint(['raw_sha256'], ['blobs.sha256'], name=op.f('fk_fetches_raw_sha256_blobs')),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_fetches_run_id_runs')),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name=op.f('fk_fetches_version_id_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fetches'))
    )
    with op.batch_alter_table('fetches', schema=None) as batch_op:
        batch_op.create_index('ix_fetches_document_started', ['document_id', 'started_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_fetches_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fetches_version_id'), ['version_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('fetches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fetches_version_id'))
        batch_op.drop_index(batch_op.f('ix_fetches_run_id'))
        batch_op.drop_index('ix_fetches_document_started')

    op.drop_table('fetches')
    with op.batch_alter_table('clauses', schema=None) as batch_op:
        batch_op.drop_index('ix_clauses_sha256')
        batch_op.drop_index('ix_clauses_lineage')

    op.drop_table('clauses')
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index('ix_changes_document_to_version')
        batch_op.drop_index('ix_changes_created')

    op.drop_table('changes')
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_versions_text_sha256'))
        batch_op.drop_index('ix_versions_document_first_seen')

    op.drop_table('versions')
    op.drop_table('runs')
    op.drop_table('documents')
    op.drop_table('digests')
    op.drop_table('blobs')
