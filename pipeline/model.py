"""The plain data model that flows between the stages.

text stage   -> DocText (pages of Words grouped into Lines, text layer or OCR alike)
layout stage -> Layout (the session preamble and one DeliberationText per voted item)
extractors   -> Found values and records, each with its Evidence (page, box, raw text)
validators   -> Finding records
runner       -> DocumentResult, which the writers turn into Parquet rows

Coordinates are PDF points with pdfplumber's convention: origin at the top-left of the
page, x0 < x1, top < bottom. Pages are numbered from 1.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Generic, Optional, TypeVar

T = TypeVar("T")
Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")


def clean_text(text: str) -> str:
    """NFC, every kind of space (NBSP, narrow NBSP in amounts) as one plain space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


# --------------------------------------------------------------------------- text stage
@dataclass(frozen=True)
class Word:
    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    fontname: str = ""
    size: float = 0.0
    bold: bool = False
    conf: Optional[float] = None  # OCR confidence 0-100; None for the text layer
    from_ocr: bool = False

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


def union_box(boxes) -> Optional[Box]:
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True)
class Line:
    """Words on one visual line, in reading order. `text` is the words joined by spaces."""

    words: tuple[Word, ...]
    page: int
    text: str

    @classmethod
    def from_words(cls, words) -> "Line":
        words = tuple(words)
        return cls(words=words, page=words[0].page, text=clean_text(" ".join(w.text for w in words)))

    @classmethod
    def synthetic(cls, text: str, page: int = 1, top: float = 0.0, bold: bool = False) -> "Line":
        """A line without real geometry, for tests written as French snippets."""
        tokens = clean_text(text).split(" ") if clean_text(text) else []
        words, x = [], 50.0
        for tok in tokens:
            w = 5.0 * len(tok)
            words.append(Word(tok, page, x, top, x + w, top + 10.0, "Synthetic-Bold" if bold else "Synthetic", 10.0, bold))
            x += w + 3.0
        return cls(words=tuple(words), page=page, text=clean_text(text))

    @classmethod
    def printed(cls, *blocks: tuple[float, str], page: int = 1, top: float = 0.0, height: float = 10.0,
                size: float = 0.0) -> "Line":
        """A line printed as blocks of words starting at given x positions (6 pt a letter, 3 pt
        between words), for tests of columns, margin boxes and grids."""
        words = []
        for x, text in blocks:
            for tok in text.split():
                words.append(Word(tok, page, x, top, x + 6.0 * len(tok), top + height, "Synthetic", size))
                x += 6.0 * len(tok) + 3.0
        return cls.from_words(words) if words else cls(words=(), page=page, text="")

    @property
    def box(self) -> Optional[Box]:
        return union_box(w.box for w in self.words)

    @property
    def top(self) -> float:
        return min((w.top for w in self.words), default=0.0)

    @property
    def x0(self) -> float:
        return min((w.x0 for w in self.words), default=0.0)

    @property
    def bold_ratio(self) -> float:
        """Share of characters printed in a bold font (0 for OCR lines: tesseract gives no font)."""
        total = sum(len(w.text) for w in self.words)
        return sum(len(w.text) for w in self.words if w.bold) / total if total else 0.0

    @property
    def conf(self) -> Optional[float]:
        confs = [w.conf for w in self.words if w.conf is not None]
        return sum(confs) / len(confs) if confs else None


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]
    lines: list[Line]
    ocr: bool = False
    ocr_reason: str = ""  # why the page was (or was not) OCR-ed, for debugging
    error: Optional[str] = None  # a page that could not be read at all


@dataclass
class DocText:
    path: str
    document_id: str  # sha256 of the file's bytes
    pages: list[Page]

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    @property
    def ocr_pages(self) -> int:
        return sum(1 for p in self.pages if p.ocr)


# --------------------------------------------------------------------------- layout stage
SECTION_NAMES = ("header", "attendance", "counts", "visas", "decide", "annexes", "body")


@dataclass
class DeliberationText:
    """The text of one voted item, with what the extractors need around it.

    session: the session preamble shared by every item of the file (title, date, attendance
             lists, proxies, counts printed once). For a single extract it holds what precedes
             the subject.
    before:  lines between the preamble and this item (earlier items), where arrivals and
             departures that still hold are recorded.
    lines:   the item's own lines, its heading first.
    sections: the item's own lines split by role (keys from SECTION_NAMES); every line of
             `lines` is in exactly one section.
    """

    seq: int
    lines: list[Line]
    session: list[Line] = field(default_factory=list)
    before: list[Line] = field(default_factory=list)
    sections: dict[str, list[Line]] = field(default_factory=dict)
    kind: str = "extract"  # 'extract' (one deliberation per file) or 'minutes'

    @classmethod
    def from_text(cls, text: str, session_text: str = "", seq: int = 1, before_text: str = "", kind: str = "extract") -> "DeliberationText":
        """Build from plain text (one Line per text line), for snippet tests."""
        def lines_of(t: str, page: int = 1) -> list[Line]:
            return [Line.synthetic(s, page, top=12.0 * i) for i, s in enumerate(t.splitlines()) if s.strip()]
        own = lines_of(text)
        return cls(seq=seq, lines=own, session=lines_of(session_text), before=lines_of(before_text),
                   sections={"body": own}, kind=kind)

    @property
    def page_start(self) -> Optional[int]:
        return self.lines[0].page if self.lines else None

    @property
    def page_end(self) -> Optional[int]:
        return self.lines[-1].page if self.lines else None

    def section(self, name: str) -> list[Line]:
        return self.sections.get(name, [])


@dataclass
class Layout:
    doc: DocText
    kind: str  # 'extract' | 'minutes'
    session: list[Line]
    deliberations: list[DeliberationText]


# --------------------------------------------------------------------------- extractors
@dataclass(frozen=True)
class Evidence:
    page: Optional[int]
    box: Optional[Box]
    raw: str
    extractor: str
    # The lowest OCR confidence (0-100) of the words holding the value's figures; None when the
    # figures come from a text layer or the value has none.
    conf: Optional[float] = None

    @classmethod
    def of_lines(cls, lines, extractor: str, raw: Optional[str] = None) -> "Evidence":
        lines = list(lines)
        if not lines:
            return cls(None, None, raw or "", extractor)
        first_page = lines[0].page
        box = union_box(l.box for l in lines if l.page == first_page)
        return cls(first_page, box, raw if raw is not None else " ".join(l.text for l in lines), extractor)


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    evidence: Evidence


@dataclass(frozen=True)
class AttendanceEntry:
    person_name: str
    status: str  # 'present' | 'excused' | 'absent'
    evidence: Evidence


@dataclass(frozen=True)
class Proxy:
    grantor: str
    holder: str
    evidence: Evidence


@dataclass(frozen=True)
class Decision:
    position: int  # 1-based within the deliberation
    verb: Optional[str]  # lowercase infinitive ('approuver'); None when no verb is found
    text: str
    amount_eur: Optional[float]
    evidence: Evidence


@dataclass(frozen=True)
class Objective:
    number: int
    label: str
    status_text: str
    status: Optional[str]  # 'done' | 'in_progress' | 'not_done' | 'cancelled'
    highlighted: bool
    status_year: Optional[int]
    planned_year: Optional[int]
    evidence: Evidence


@dataclass(frozen=True)
class TableCell:
    table_id: str  # unique within the deliberation, e.g. 't1'
    row: int
    column: int
    text: str
    page: int


@dataclass(frozen=True)
class MemberVote:
    person_name: str
    vote: str  # 'for' | 'against' | 'abstention' | 'not_voting'
    evidence: Evidence


# Scalar fields of a deliberation, in the contract's order. Extractors fill them as Found.
DELIBERATION_FIELDS = (
    "authority", "body", "act_number", "session_date", "session_time", "place",
    "convocation_date", "president", "secretary", "subject",
    "members_in_office", "present_count", "represented_count", "voters_count",
    "votes_for", "votes_against", "abstentions", "not_voting", "outcome", "unanimous",
)
# Facts the validators use that are not output columns of their own.
FLAG_FIELDS = ("secret_ballot", "second_convocation", "urgency", "population", "summary_done_pct", "casting_vote")


# --------------------------------------------------------------------------- validators
@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # 'error' | 'warning' | 'info'
    message: str
    expected: Optional[str]
    observed: Optional[str]
    source: str  # the law or convention the rule encodes, e.g. 'CGCT L2121-17'
    pages: tuple[int, ...] = ()


# --------------------------------------------------------------------------- results
@dataclass
class DeliberationResult:
    seq: int
    fields: dict[str, Found] = field(default_factory=dict)  # keys from DELIBERATION_FIELDS and FLAG_FIELDS
    attendance: list[AttendanceEntry] = field(default_factory=list)
    proxies: list[Proxy] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    tables: list[TableCell] = field(default_factory=list)
    member_votes: list[MemberVote] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    page_start: Optional[int] = None
    page_end: Optional[int] = None

    def value(self, name: str):
        found = self.fields.get(name)
        return found.value if found is not None else None


@dataclass
class DocumentResult:
    document_id: str
    source_path: str
    page_count: Optional[int] = None
    ocr_pages: int = 0
    status: str = "ok"  # 'ok' | 'partial' | 'error'
    error: Optional[str] = None
    traceback: Optional[str] = None
    deliberations: list[DeliberationResult] = field(default_factory=list)
    kind: Optional[str] = None  # layout kind: 'extract' | 'minutes'
    seconds: float = 0.0
