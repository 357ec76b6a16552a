"""DocumentResult -> rows per output table (plain dicts keyed by the schemas' column names)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from .model import DELIBERATION_FIELDS, DocumentResult, DeliberationResult, Evidence
from .members import is_implied
from .schemas import EXTRACTOR_VERSION, SCHEMA_VERSION, SCHEMAS


def deliberation_id(document_id: str, seq: int) -> str:
    return f"{document_id}:{seq}"


def _bbox(ev: Optional[Evidence]):
    return list(ev.box) if ev is not None and ev.box is not None else None


def _page(ev: Optional[Evidence]):
    return ev.page if ev is not None else None


def _as_text(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def document_rows(result: DocumentResult, run_id: str) -> dict[str, list[dict]]:
    """All rows a document contributes, every table present (possibly empty)."""
    lineage = {"extractor_version": EXTRACTOR_VERSION, "schema_version": SCHEMA_VERSION, "run_id": run_id}
    doc_id = result.document_id
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    rows["documents"].append({
        "document_id": doc_id, "source_path": result.source_path, "page_count": result.page_count,
        "ocr_pages": result.ocr_pages, "status": result.status, "error": result.error,
        "deliberation_count": len(result.deliberations), "kind": result.kind,
        "seconds": round(result.seconds, 3), **lineage,
    })
    for d in result.deliberations:
        _deliberation_rows(rows, d, doc_id, lineage)
    return rows


def _deliberation_rows(rows: dict[str, list[dict]], d: DeliberationResult, doc_id: str, lineage: dict) -> None:
    did = deliberation_id(doc_id, d.seq)
    common = {"deliberation_id": did, "document_id": doc_id, **lineage}
    row = {name: d.value(name) for name in DELIBERATION_FIELDS}
    session_date = row["session_date"]
    row.update(seq=d.seq, page_start=d.page_start, page_end=d.page_end,
               secret_ballot=d.value("secret_ballot"),
               session_year=session_date.year if isinstance(session_date, dt.date) else None)
    rows["deliberations"].append({**row, **common})
    for name, found in d.fields.items():
        if found is None or found.value is None:
            continue
        ev = found.evidence
        rows["evidence"].append({"field": name, "value": _as_text(found.value), "page": _page(ev),
                                 "bbox": _bbox(ev), "raw": ev.raw if ev else None,
                                 "extractor": ev.extractor if ev else None,
                                 "ocr_conf": ev.conf if ev else None, **common})
    for i, a in enumerate(d.attendance, 1):
        rows["attendance"].append({"person_name": a.person_name, "status": a.status, "position": i,
                                   "page": _page(a.evidence), "bbox": _bbox(a.evidence), **common})
    for p in d.proxies:
        rows["proxies"].append({"grantor": p.grantor, "holder": p.holder,
                                "page": _page(p.evidence), "bbox": _bbox(p.evidence), **common})
    for dec in d.decisions:
        rows["decisions"].append({"position": dec.position, "verb": dec.verb, "text": dec.text,
                                  "amount_eur": dec.amount_eur, "page": _page(dec.evidence),
                                  "bbox": _bbox(dec.evidence), **common})
    for o in d.objectives:
        rows["objectives"].append({"number": o.number, "label": o.label, "status_text": o.status_text,
                                   "status": o.status, "highlighted": o.highlighted,
                                   "status_year": o.status_year, "planned_year": o.planned_year,
                                   "page": _page(o.evidence), "bbox": _bbox(o.evidence), **common})
    for f in d.findings:
        rows["findings"].append({"rule": f.rule, "severity": f.severity, "message": f.message,
                                 "expected": f.expected, "observed": f.observed, "source": f.source,
                                 "pages": list(f.pages), **common})
    # person_id columns stay empty here: the batch's MemberRegistry (pipeline/members.py) fills them.
    for v in d.member_votes:
        rows["member_votes"].append({"person_name": v.person_name, "vote": v.vote,
                                     "page": _page(v.evidence),
                                     "source": "implied" if is_implied(v) else "printed", **common})
    for c in d.tables:
        rows["tables"].append({"table_id": c.table_id, "row": c.row, "column": c.column,
                               "text": c.text, "page": c.page, **common})
