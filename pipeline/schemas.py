"""The datasets' contract: one explicit Arrow schema per output table, in one place.

Columns named in the issues are the contract (never rename them). Extra columns are added at the
end: lineage (document_id, extractor_version, schema_version, run_id) and evidence (page, bbox).
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.2"  # 1.1: person ids, member_votes.source, members; 1.2: evidence.ocr_conf
EXTRACTOR_VERSION = "0.1.0"

_str = pa.string()
_i32 = pa.int32()
_bbox = pa.list_(pa.float64())

LINEAGE = [
    pa.field("extractor_version", _str),
    pa.field("schema_version", _str),
    pa.field("run_id", _str),
]


def _schema(*fields: pa.Field, lineage: bool = True) -> pa.Schema:
    return pa.schema(list(fields) + (LINEAGE if lineage else []))


SCHEMAS: dict[str, pa.Schema] = {
    "documents": _schema(
        pa.field("document_id", _str, nullable=False),
        pa.field("source_path", _str),
        pa.field("page_count", _i32),
        pa.field("ocr_pages", _i32),
        pa.field("status", _str),
        pa.field("error", _str),
        pa.field("deliberation_count", _i32),
        pa.field("kind", _str),
        pa.field("seconds", pa.float64()),
    ),
    "deliberations": _schema(
        pa.field("deliberation_id", _str, nullable=False),
        pa.field("document_id", _str, nullable=False),
        pa.field("seq", _i32),
        pa.field("authority", _str),
        pa.field("body", _str),
        pa.field("act_number", _str),
        pa.field("session_date", pa.date32()),
        pa.field("session_time", _str),
        pa.field("place", _str),
        pa.field("convocation_date", pa.date32()),
        pa.field("president", _str),
        pa.field("secretary", _str),
        pa.field("subject", _str),
        pa.field("members_in_office", _i32),
        pa.field("present_count", _i32),
        pa.field("represented_count", _i32),
        pa.field("voters_count", _i32),
        pa.field("votes_for", _i32),
        pa.field("votes_against", _i32),
        pa.field("abstentions", _i32),
        pa.field("not_voting", _i32),
        pa.field("outcome", _str),
        pa.field("unanimous", pa.bool_()),
        pa.field("page_start", _i32),
        pa.field("page_end", _i32),
        pa.field("secret_ballot", pa.bool_()),
        pa.field("session_year", _i32),
    ),
    "attendance": _schema(
        pa.field("deliberation_id", _str, nullable=False),
        pa.field("person_name", _str),
        pa.field("status", _str),
        pa.field("document_id", _str),
        pa.field("position", _i32),
        pa.field("page", _i32),
        pa.field("bbox", _bbox),
        pa.field("person_id", _str),
    ),
    "proxies": _schema(
        pa.field("deliberation_id", _str, nullable=False),
        pa.field("grantor", _str),
        pa.field("holder", _str),
        pa.field("document_id", _str),
        pa.field("page", _i32),
        pa.field("bbox", _bbox),
        pa.field("grantor_person_id", _str),
        pa.field("holder_person_id", _str),
    ),
    "decisions": _schema(
        pa.field("deliberation_id", _str, nullable=False),
        pa.field("position", _i32),
        pa.field("verb", _str),
        pa.field("text", _str),
        pa.field("amount_eur", pa.float64()),
        pa.field("document_id", _str),
        pa.field("page", _i32),
        pa.field("bbox", _bbox),
    ),
    "objectives": _schema(
        pa.field("deliberation_id", _str, nullable=False),
        pa.field("number", _i32),
        pa.field("label", _str),
        pa.field("status_text", _str),
        pa.field("status", _str),
        pa.field("highlighted", pa.bool_()),
        pa.field("status_year", _i32),
        pa.field("planned_year", _i32),
        pa.field("document_id", _str),
        pa.field("page", _i32),
        pa.field("bbox", _bbox),
    ),
    "findings": _schema(
        pa.field("deliberation_id", _str),
        pa.field("rule", _str),
        pa.field("severity", _str),
        pa.field("message", _str),
        pa.field("expected", _str),
        pa.field("observed", _str),
        pa.field("document_id", _str),
        pa.field("source", _str),
        pa.field("pages", pa.list_(_i32)),
    ),
    "member_votes": _schema(
        pa.field("deliberation_id", _str, nullable=False),
        pa.field("person_name", _str),
        pa.field("vote", _str),
        pa.field("document_id", _str),
        pa.field("page", _i32),
        pa.field("source", _str),  # 'printed' (named in the document) | 'implied' (the rest voting for)
        pa.field("person_id", _str),
    ),
    "tables": _schema(
        pa.field("deliberation_id", _str, nullable=False),
        pa.field("table_id", _str),
        pa.field("row", _i32),
        pa.field("column", _i32),
        pa.field("text", _str),
        pa.field("document_id", _str),
        pa.field("page", _i32),
    ),
    # Where each scalar value of a deliberation was read: one row per filled field.
    "evidence": _schema(
        pa.field("deliberation_id", _str, nullable=False),
        pa.field("field", _str),
        pa.field("value", _str),
        pa.field("page", _i32),
        pa.field("bbox", _bbox),
        pa.field("raw", _str),
        pa.field("extractor", _str),
        pa.field("document_id", _str),
        # The lowest OCR confidence (0-100) of the value's figures; null on a text layer.
        pa.field("ocr_conf", pa.float64()),
    ),
    # One row per person of an authority across all its documents, derived from attendance, proxies
    # and member_votes (pipeline/members.py rewrites it whole; chunks never write it).
    # document_id: the document where the person is first seen (earliest session).
    "members": _schema(
        pa.field("person_id", _str, nullable=False),
        pa.field("authority", _str),
        pa.field("person_name", _str),
        pa.field("spellings", pa.list_(_str)),
        pa.field("first_session", pa.date32()),
        pa.field("last_session", pa.date32()),
        pa.field("deliberations_seen", _i32),
        pa.field("authority_key", _str),
        pa.field("document_id", _str),
    ),
}

TABLES = tuple(SCHEMAS)
