"""Render the seed deliberation into sample PDFs (born-digital and scanned) and their truth files.

    python tools/make_samples.py [--out samples] [--truth tests/truth] [--seed PATH] [--no-copy]

The seed is the text of a real extract, written in a light markdown: `##` headings, `**bold**`
runs, `<b>bold</b>` table cells, tab-separated table rows, `- ` bullets, `---` rules and one
English sentence that describes the handwritten signature. The same parse feeds the PDF renderer
and the truth builder, so the two cannot disagree. Every random choice comes from a fixed seed:
two runs write byte-identical files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import math
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "corpus" / "seed" / "seed_hautes-terres_2025-05-22.txt"
REAL = ROOT / "tests" / "corpus" / "real"
# One digital minutes file, one scanned minutes file, one scanned single extract.
REAL_COPIES = (
    "couthenans_2022-10-07_cr.pdf",
    "flaux_2021-09-24_cr.pdf",
    "putanges-le-lac_2023-06-09_extrait-senatoriales.pdf",
)
RANDOM_SEED = 20250522
SCAN_DPI = 200
NOISE_SIGMA, BLUR_RADIUS, SPECKLE_RATE, JPEG_QUALITY = 3.0, 0.7, 0.0002, 60
NBSP = "\u00a0"
SCAN_TIME = dt.datetime(2025, 5, 23, 9, 15, 12)  # fixed, so that runs are byte-identical

MONTHS = {m: i for i, m in enumerate(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(), 1)}


# =========================================================================== seed parsing
@dataclass
class Cell:
    text: str  # plain text
    bold: bool


@dataclass
class Item:
    """One logical line of the seed. `markup` is reportlab paragraph markup (<b>, <i>, escaped)."""

    kind: str  # 'heading' | 'para' | 'bullet' | 'row' | 'rule' | 'signature'
    markup: str = ""
    level: int = 0
    cells: list[Cell] = field(default_factory=list)

    @property
    def text(self) -> str:
        return plain(self.markup) if self.kind != "row" else " ".join(c.text for c in self.cells)


def plain(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", markup))).strip()


def nbsp(text: str) -> str:
    """Non-breaking spaces where French typography puts them: thousands, before €, %, : and ;."""
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", NBSP, text)
    text = re.sub(r"(?<=\d) (?=[€%])", NBSP, text)
    return re.sub(r" (?=[:;])", NBSP, text)  # French typography: no line break before ':' or ';'



def to_markup(raw: str) -> str:
    """Seed inline markup -> escaped reportlab markup."""
    raw = raw.replace("\\*", "*").strip()
    raw = re.sub(r"</?b>", "\x01", raw)
    raw = re.sub(r"\*\*", "\x01", raw)
    raw = re.sub(r"(?<![\w*])\*(\S[^*]*?)\*(?![\w*])", "\x02\\1\x02", raw)
    raw = html.escape(nbsp(raw), quote=False)
    out, bold, ital = [], False, False
    for ch in raw:
        if ch == "\x01":
            out.append("</b>" if bold else "<b>")
            bold = not bold
        elif ch == "\x02":
            out.append("</i>" if ital else "<i>")
            ital = not ital
        else:
            out.append(ch)
    markup = "".join(out).strip()
    return re.sub(r"<b>\s*</b>", "", markup)


def parse_cells(line: str) -> list[Cell]:
    cells = []
    for raw in line.split("\t"):
        bold = bool(re.search(r"<b>.*\S.*</b>", raw))
        cells.append(Cell(plain(re.sub(r"</?b>", "", raw)), bold))
    return cells


def parse_items(text: str) -> list[Item]:
    items: list[Item] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line.strip():
            continue
        if re.fullmatch(r"-{3,}(\s+-{3,})*", line.strip()):
            if "\t" not in line:
                items.append(Item("rule"))
            continue  # a markdown table separator under a row
        if "\t" in line:
            items.append(Item("row", cells=parse_cells(line)))
            continue
        m = re.match(r"(#+)\s+(.*)", line)
        if m:
            items.append(Item("heading", to_markup(m.group(2)), level=len(m.group(1))))
            continue
        if re.match(r"A handwritten signature\b", line):
            who = re.search(r"name ([^,]+),", line)
            items.append(Item("signature", who.group(1).strip() if who else ""))
            continue
        if line.startswith("- "):
            items.append(Item("bullet", to_markup(line[2:])))
            continue
        items.append(Item("para", to_markup(line)))
    return items


class Seed:
    """The seed items, with look-ups by the wording of French deliberation extracts."""

    def __init__(self, text: str):
        self.items = parse_items(text)

    def index(self, pattern: str, start: int = 0, kind: Optional[str] = None) -> int:
        rx = re.compile(pattern, re.I)
        for i in range(start, len(self.items)):
            it = self.items[i]
            if (kind is None or it.kind == kind) and rx.search(it.text):
                return i
        raise LookupError(f"seed has no line matching {pattern!r}")

    def after(self, pattern: str) -> Item:
        """The item following a heading such as 'Étaient présents :'."""
        return self.items[self.index(pattern) + 1]

    def line(self, pattern: str) -> Item:
        return self.items[self.index(pattern)]

    @property
    def rows(self) -> list[list[Cell]]:
        return [it.cells for it in self.items if it.kind == "row"]

    def objective_rows(self) -> list[list[Cell]]:
        return [r for r in self.rows if len(r) == 3 and re.fullmatch(r"\d+", r[0].text)]


def split_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r",\s*", text.strip().rstrip(".")) if n.strip()]


# =========================================================================== truth
def french_date(text: str) -> Optional[str]:
    from text_to_num import alpha2digit

    digits = alpha2digit(text, "fr")
    m = re.search(r"(\d{1,2})(?:er)? (" + "|".join(MONTHS) + r") (\d{4})", digits, re.I)
    return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))).isoformat() if m else None


def french_time(text: str) -> Optional[str]:
    from text_to_num import alpha2digit

    m = re.search(r"\bà (\d{1,2}) ?(?:h|heures?)(?: ?(\d{2}))?", alpha2digit(text, "fr"))
    return f"{int(m.group(1)):02d}:{int(m.group(2) or 0):02d}" if m else None


def count(seed_text: str, label: str) -> Optional[int]:
    m = re.search(label + r"\s*:\s*(\d+)", seed_text)
    return int(m.group(1)) if m else None


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def decision_records(seed: Seed) -> list[dict]:
    bullets = [it for it in seed.items if it.kind == "bullet"]
    heads = [re.match(r"<b>(.*?)</b>", b.markup).group(1) for b in bullets]
    verbs = [re.sub(r"^(?:D'|D’|DE |DES |d'|de )", "", html.unescape(h).strip()).lower() for h in heads]
    accented = {strip_accents(v): v for v in verbs if v != strip_accents(v)}
    records = []
    for pos, (verb, b) in enumerate(zip(verbs, bullets), 1):
        amounts = re.findall(r"(\d{1,3}(?:[ \u00a0.]\d{3})*(?:,\d+)?)\s*(?:€|euros?)", html.unescape(b.text))
        amount = float(re.sub(r"[ \u00a0.]", "", amounts[0]).replace(",", ".")) if len(amounts) == 1 else None
        records.append({"position": pos, "verb": accented.get(verb, verb), "amount_eur": amount})
    return records


def objective_status(status_text: str) -> Optional[str]:
    """The normalisation rule documented in samples/README.md."""
    s = status_text.lower()
    if "annul" in s:
        return "cancelled"
    if re.match(r"non[ -]réalisée?", s):
        return "not_done"
    if "en cours" in s or s.startswith("initiée"):
        return "in_progress"
    if s.startswith("réalisée"):
        return "done"
    return None


def objective_records(seed: Seed) -> list[dict]:
    out = []
    for num, label, status in seed.objective_rows():
        done = re.search(r"\b(?:réalisée?|initiée?)\s+en\s+(\d{4})", status.text, re.I)
        planned = re.search(r"\bprévue?s?\b.*?\b(\d{4})\b", status.text, re.I)
        out.append({
            "number": int(num.text), "label": label.text, "status_text": status.text,
            "status": objective_status(status.text), "highlighted": num.bold or label.bold or status.bold,
            "status_year": int(done.group(1)) if done and not status.text.lower().startswith("non") else None,
            "planned_year": int(planned.group(1)) if planned else None,
        })
    return out


def build_truth(seed: Seed, file_name: str, kind: str, pages: dict[str, int]) -> dict:
    flat = "\n".join(it.text for it in seed.items)
    preamble = seed.line(r"s'est réuni|se sont réunis").text
    present = split_names(seed.after(r"^Étaient présents").text)
    excused = split_names(seed.after(r"^Étaient absents excusés").text)
    proxies = [dict(zip(("grantor", "holder"), (p.strip() for p in re.split(r"\s+pouvoir à\s+", pair))))
               for pair in split_names(seed.after(r"^Pouvoirs\s*:").text)]
    votes_for, against, abst = count(flat, "Pour"), count(flat, "Contre"), count(flat, r"Abstentions?")
    unanimous = True if re.search(r"unanimité", flat, re.I) else (
        False if (against or 0) > 0 or (abst or 0) > 0 else None)
    outcome = None
    if votes_for is not None:
        outcome = "adopted" if votes_for > (against or 0) else "rejected"
    delib = {
        "seq": 1,
        "authority": authority_of(seed),
        "body": re.search(r"\ble (Conseil \w+)", preamble).group(1),
        "act_number": None,
        "session_date": french_date(preamble),
        "session_time": french_time(preamble),
        "place": re.search(r"\bréuni[es]* .*?\bà ([A-ZÉ][\w'-]+)", preamble).group(1),
        "convocation_date": french_date(seed.line(r"^Date .*convocation").text),
        "president": re.search(r"présidence de (?:Monsieur|Madame) (.+?),", preamble).group(1),
        "secretary": seed.line(r"^Secrétaire de séance\s*:").text.split(":", 1)[1].strip(),
        "subject": re.sub(r"^Objet\s*:\s*", "", seed.line(r"^Objet\s*:").text).rstrip("."),
        "members_in_office": count(flat, "Membres en exercice"),
        "present_count": count(flat, r"\nPrésents"),
        "represented_count": count(flat, r"Pouvoirs"),
        "voters_count": count(flat, "Votants"),
        "votes_for": votes_for, "votes_against": against, "abstentions": abst,
        "not_voting": count(flat, "Ne prend pas part au vote"),
        "outcome": outcome, "unanimous": unanimous,
        "page_start": pages["subject"], "page_end": pages["last_decision"],
        "attendance": [{"person_name": n, "status": "present"} for n in present]
        + [{"person_name": n, "status": "excused"} for n in excused],
        "proxies": proxies,
        "decisions": decision_records(seed),
        "objectives": objective_records(seed),
        "findings": [],
    }
    return {"file": file_name, "kind": kind, "deliberations": [delib]}


# =========================================================================== digital PDF
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def register_fonts() -> tuple[str, str]:
    """DejaVu Sans (embedded, real bold) when present, else base-14 Helvetica."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
             "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    if not all((FONT_DIR / f).exists() for f in files.values()):
        return "Helvetica", "Helvetica-Bold"
    for name, f in files.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f)))
    addMapping("DejaVuSans", 0, 0, "DejaVuSans")
    addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
    addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
    addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
    return "DejaVuSans", "DejaVuSans-Bold"


def styles(font: str):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=font, fontSize=9.5, leading=12.2, alignment=TA_JUSTIFY, spaceAfter=5)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontSize=12, leading=16, alignment=TA_CENTER),
        "authority": ParagraphStyle("authority", base, fontSize=11, leading=13.5, alignment=TA_CENTER),
        "box": ParagraphStyle("box", base, fontSize=8.6, leading=11, alignment=0, spaceAfter=4),
        "h1": ParagraphStyle("h1", base, fontSize=13, leading=16, alignment=TA_CENTER, spaceBefore=4, spaceAfter=4),
        "h2": ParagraphStyle("h2", base, fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=6),
        "cell": ParagraphStyle("cell", base, fontSize=8.4, leading=10.2, alignment=0, spaceAfter=0),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10),
        "sign": ParagraphStyle("sign", base, alignment=TA_CENTER, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", base, leftIndent=22, bulletIndent=8, spaceAfter=4, bulletFontName=font),
        "visa": ParagraphStyle("visa", base, spaceAfter=4),
    }


def signature_drawing(rng: random.Random, width=150, height=46, color=(0.12, 0.22, 0.62)):
    """A handwritten-looking signature: a few loops along a slanted baseline, as vector strokes."""
    from reportlab.graphics.shapes import Drawing, PolyLine
    from reportlab.lib.colors import Color

    d = Drawing(width, height)
    for stroke in signature_strokes(rng, width, height):
        d.add(PolyLine([c for p in stroke for c in p], strokeColor=Color(*color), strokeWidth=1.15,
                       strokeLineCap=1, strokeLineJoin=1))
    return d


def signature_strokes(rng: random.Random, width: float, height: float) -> list[list[tuple[float, float]]]:
    """Point lists in a width x height box, origin bottom-left (reportlab) — flip y for images."""
    strokes, loops = [], rng.randint(4, 6)
    x_end = width * rng.uniform(0.72, 0.9)
    pts = []
    for i in range(260):
        t = i / 259
        x = 6 + t * (x_end - 6) + 7 * math.sin(t * loops * 2 * math.pi + 0.4)
        env = 0.55 + 0.45 * math.sin(math.pi * min(1.0, t * 1.3))
        y = height * (0.36 + 0.08 * t) + env * height * 0.27 * math.cos(t * loops * 2 * math.pi)
        pts.append((x + rng.uniform(-0.25, 0.25), y + rng.uniform(-0.25, 0.25)))
    strokes.append(pts)
    y0 = height * rng.uniform(0.18, 0.26)  # the underline flourish
    strokes.append([(width * 0.08 + k * width * 0.085, y0 + 2.5 * math.sin(k * 0.9) + k * 0.6) for k in range(11)])
    return strokes


def logo_drawing(width=120, height=34):
    """Mountains above the authority's name: a drawn mark, no text."""
    from reportlab.graphics.shapes import Drawing, Polygon
    from reportlab.lib.colors import Color

    d = Drawing(width, height)
    d.add(Polygon([10, 4, 42, 30, 62, 14, 80, 26, 110, 4], fillColor=Color(0.16, 0.42, 0.35), strokeColor=None))
    d.add(Polygon([36, 4, 58, 18, 76, 4], fillColor=Color(0.32, 0.6, 0.78), strokeColor=None))
    return d


class ExtractDoc:
    """Builds the flowables; records on which page tagged flowables land."""

    def __init__(self, seed: Seed, font: str, bold: str):
        self.seed, self.font, self.bold = seed, font, bold
        self.st = styles(font)
        self.rng = random.Random(RANDOM_SEED)
        self.pages: dict[str, int] = {}

    # ---- pieces
    def para(self, markup: str, style: str = "base", tag: Optional[str] = None):
        from reportlab.platypus import Paragraph

        p = Paragraph(markup, self.st[style])
        p._truth_tag = tag
        return p

    def header(self):
        from reportlab.platypus import Table, TableStyle

        authority = html.escape(authority_of(self.seed))
        left = [logo_drawing(), self.para(f"<b>{authority}</b>", "authority")]
        title = self.seed.line(r"EXTRAIT DU REGISTRE")
        right = [self.para(f"<b><u>{title.markup}</u></b>", "title")]
        t = Table([[left, right]], colWidths=[138, 344])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return t

    def count_box(self):
        """The side box of counts, as extracts print it in their left margin."""
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        s = self.seed
        first = s.index(r"^Membres en exercice")
        last = s.index(r"^Ne prend pas part au vote")
        # A figure never wraps away from its label, even in a narrow box.
        lines = [re.sub(r":\s+(?=\d)", ":" + NBSP, it.markup) for it in s.items[first:last + 1]]
        cells = [[self.para(lines[0], "box")], [self.para(lines[1].replace(" – ", " –<br/>"), "box")],
                 [self.para("<br/>".join(lines[2:]), "box")]]
        t = Table(cells, colWidths=[130])
        t.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, colors.grey),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ]))
        return t

    def session_block(self):
        s = self.seed
        out = [self.para(s.line(r"s'est réuni|se sont réunis").markup)]
        for label in (r"^Étaient présents", r"^Étaient absents excusés", r"^Pouvoirs\s*:"):
            head = s.line(label).markup
            out.append(self.para(f"<b><u>{plain_markup(head)}</u></b> {s.after(label).markup}"))
        out.append(self.para(s.line(r"^Date .*convocation").markup))
        out.append(self.para(s.line(r"^Secrétaire de séance\s*:").markup))
        return out

    def first_part(self):
        from reportlab.platypus import Spacer, Table, TableStyle

        s = self.seed
        body = Table([[self.count_box(), self.session_block()]], colWidths=[140, 342])
        body.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0),
                                  ("LEFTPADDING", (1, 0), (1, 0), 10), ("RIGHTPADDING", (1, 0), (1, 0), 0)]))
        out = [self.header(), Spacer(1, 14), body, Spacer(1, 8)]
        subject = s.index(r"^Objet\s*:")
        decide = s.index(r"DÉCIDE|DECIDE")
        out.append(self.para(s.items[subject].markup, tag="subject"))
        for it in s.items[subject + 1:decide - 2]:
            out.append(self.para(it.markup, "visa"))
        out.append(self.para("<br/>".join(it.markup for it in s.items[decide - 2:decide + 1])))
        out[-1].keepWithNext = True  # "DÉCIDE :" never ends a page alone
        bullets = [i for i, it in enumerate(s.items) if it.kind == "bullet"]
        for n, i in enumerate(bullets):
            tag = "last_decision" if n == len(bullets) - 1 else None
            out.append(self.para(s.items[i].markup, "bullet", tag=tag))
            out[-1].bulletText = "•" if self.font != "Helvetica" else "-"  # base-14 has no ToUnicode for •
        out += self.closing(bullets[-1] + 1)
        return out

    def closing(self, start: int):
        """'Ainsi fait…', the two signatories side by side, the recours line."""
        from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

        s = self.seed
        recours = s.index(r"recours devant", start)
        block = s.items[start:recours]
        sig_at = next(i for i, it in enumerate(block) if it.kind == "signature")
        lines = [it for it in block[:sig_at] if it.kind == "para"]
        titles = [i for i, it in enumerate(lines) if re.match(r"^(Le|La) (Président|Présidente|Maire|Secrétaire)", it.text)]
        intro = lines[:titles[0]]
        columns = [lines[a:b] for a, b in zip(titles, titles[1:] + [len(lines)])]
        cells = []
        for col in columns:
            cell = [self.para(col[0].markup, "sign")]
            if block[sig_at].markup and block[sig_at].markup in " ".join(it.text for it in col):
                cell.append(signature_drawing(self.rng))
            else:
                cell.append(Spacer(1, 46))
            cell += [self.para(it.markup, "sign") for it in col[1:]]
            cells.append(cell)
        t = Table([cells], colWidths=[241, 241])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
        head = [self.para(it.markup) for it in intro]
        return [KeepTogether(head + [Spacer(1, 4), t]), Spacer(1, 14), self.para(s.items[recours].markup, "small")]

    def annex(self):
        from reportlab.lib import colors
        from reportlab.platypus import HRFlowable, PageBreak, Spacer

        s = self.seed
        start = s.index(r"^Annexe", kind="heading")
        out = [PageBreak(), HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceAfter=6),
               self.para(f"<b>{s.items[start].markup}</b>", "h1"),
               HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceBefore=2, spaceAfter=8)]
        i = start + 1
        while i < len(s.items):
            it = s.items[i]
            if it.kind == "rule":
                i += 1
            elif it.kind == "heading":
                out.append(self.para(f"<b>{it.markup}</b>", "h2"))
                i += 1
            elif it.kind == "row":
                j = i
                while j < len(s.items) and s.items[j].kind == "row":
                    j += 1
                out.append(self.table([x.cells for x in s.items[i:j]]))
                out.append(Spacer(1, 8))
                i = j
            elif re.match(r"^Fait à ", it.text):
                out += self.final_block(i)
                break
            else:
                out.append(self.para(it.markup, "small" if it.text.startswith("*") else "base"))
                i += 1
        return out

    def table(self, rows: list[list[Cell]]):
        """Ruled table; the objectives table gets a shaded header row repeated on every page."""
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        def cell(c: Cell):
            text = html.escape(nbsp(c.text), quote=False)
            return self.para(f"<b>{text}</b>" if c.bold else text, "cell")

        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
        if len(rows[0]) == 3:
            data = [[cell(c) for c in r] for r in rows]
            style += [("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.88, 0.92)),
                      ("ALIGN", (0, 1), (0, -1), "CENTER")]
            t = Table(data, colWidths=[30, 285, 167], repeatRows=1)
        else:
            t = Table([[cell(c) for c in r] for r in rows], colWidths=[330, 152])
        t.setStyle(TableStyle(style))
        return t

    def final_block(self, start: int):
        """'Fait à …', then the signatories side by side (each: body, title, name)."""
        from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

        rest = [it for it in self.seed.items[start:] if it.kind == "para"]
        titles = [i for i, it in enumerate(rest) if re.match(r"^(Le|La) \w+,?$", it.text)]
        intro = rest[:titles[0] - 1]
        cols = []
        for t in titles:
            cols.append([self.para(rest[t - 1].markup, "sign"), self.para(rest[t].markup, "sign"),
                         Spacer(1, 40), self.para(rest[t + 1].markup, "sign")])
        t = Table([cols], colWidths=[241, 241])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [KeepTogether([self.para(it.markup) for it in intro] + [Spacer(1, 6), t])]

    def build(self, path: Path) -> dict[str, int]:
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import SimpleDocTemplate

        pages = self.pages

        class Doc(SimpleDocTemplate):
            def afterFlowable(self, flowable):
                tag = getattr(flowable, "_truth_tag", None)
                if tag and tag not in pages:
                    pages[tag] = self.page

        doc = Doc(str(path), pagesize=A4, leftMargin=56.7, rightMargin=56.7, topMargin=48, bottomMargin=48,
                  title=plain(self.seed.line(r"^Objet\s*:").markup), author=authority_of(self.seed),
                  creator="delib tools/make_samples.py", invariant=True)
        doc.build(self.first_part() + self.annex())
        return pages


def plain_markup(markup: str) -> str:
    return re.sub(r"</?[bi]>", "", markup)


def authority_of(seed: Seed) -> str:
    preamble = seed.line(r"s'est réuni|se sont réunis").text
    return re.search(r"Présidente? de (.+?)\.?$", preamble).group(1)


def render_digital(seed: Seed, path: Path) -> dict[str, int]:
    from reportlab import rl_config

    rl_config.invariant = 1
    font, bold = register_fonts()
    return ExtractDoc(seed, font, bold).build(path)


# =========================================================================== scanned PDF
def signature_spots(pdf_path: Path) -> list[list[tuple[float, float]]]:
    """Per page, the points (PDF coordinates, top-left origin) under a 'Le Président,' title."""
    import pdfplumber

    spots = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            here = []
            for a, b in zip(words, words[1:]):
                if a["text"] in ("Le", "La") and b["text"].startswith(("Président", "Directeur", "Maire")):
                    here.append(((a["x0"] + b["x1"]) / 2, b["bottom"]))
            spots.append(here)
    return spots


def draw_ink(img, rng: random.Random, spots, dpi: int):
    """A signature over each signatory and a round stamp by the first one, in ink-grey."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(img)
    k = dpi / 72
    for n, (x, y) in enumerate(spots):
        w, h = 130, 34
        ox, oy = x - w / 2 + rng.uniform(-12, 12), y + 2 + rng.uniform(-3, 3)
        for stroke in signature_strokes(rng, w, h):
            pts = [((ox + px) * k, (oy + h - py) * k) for px, py in stroke]
            draw.line(pts, fill=rng.randint(70, 95), width=max(2, int(1.3 * k)), joint="curve")
        if n == 0:
            cx, cy, r = (x - 85) * k, (y + 26) * k, 34 * k
            for rr, wd in ((r, 3), (r * 0.78, 2)):
                draw.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], outline=120, width=int(wd * k / 2.5))
            draw.polygon([(cx - r * 0.5, cy + r * 0.25), (cx - r * 0.1, cy - r * 0.35),
                          (cx + r * 0.15, cy - r * 0.05), (cx + r * 0.5, cy + r * 0.25)], outline=120)


def scan_page(img, rng: random.Random):
    """Paper tone, soft focus, skew, speckle and sensor noise: what a copier's scan looks like."""
    import numpy as np
    from PIL import Image, ImageFilter

    angle = rng.choice((-1, 1)) * rng.uniform(0.3, 1.0)
    a = np.asarray(img, dtype=np.float32)
    nrng = np.random.default_rng(rng.randrange(2**32))
    h, w = a.shape
    tone = 238 + 6 * np.sin(np.linspace(0, math.pi * rng.uniform(0.8, 1.6), w))[None, :] \
        - 5 * np.linspace(0, 1, h)[:, None]
    # Sensor noise before the blur, as in a scanner: the optics soften it (and JPEG stays small).
    a = 22 + (a / 255.0) * (tone - 22) + nrng.normal(0, NOISE_SIGMA, a.shape)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=int(tone.mean()),
                     translate=(rng.randint(-8, 8), rng.randint(-6, 10)))
    a = np.asarray(img).copy()
    specks = nrng.random(a.shape) < SPECKLE_RATE
    a[specks] = nrng.integers(40, 140, int(specks.sum()))
    out = Image.fromarray(a, "L")
    return out


def render_scanned(digital: Path, path: Path, dpi: int = SCAN_DPI) -> int:
    import pypdfium2 as pdfium

    rng = random.Random(RANDOM_SEED + 1)
    spots = signature_spots(digital)
    pdf = pdfium.PdfDocument(str(digital))
    pages = []
    for i in range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        draw_ink(img, rng, spots[i], dpi)
        pages.append(scan_page(img, rng))
    pdf.close()
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:], quality=JPEG_QUALITY,
                  creator="delib tools/make_samples.py",
                  creationDate=SCAN_TIME.timetuple(), modDate=SCAN_TIME.timetuple())
    path.write_bytes(buf.getvalue())
    return len(pages)



# =========================================================================== main
def build_samples(out: Path, truth_dir: Path, seed_path: Path = SEED, copy_real: bool = True) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    seed = Seed(seed_path.read_text(encoding="utf-8"))
    stem = seed_path.stem
    digital, scanned = out / f"{stem}_digital.pdf", out / f"{stem}_scanned.pdf"
    pages = render_digital(seed, digital)
    render_scanned(digital, scanned)
    written = {"digital": digital, "scanned": scanned}
    for pdf, kind in ((digital, "digital"), (scanned, "scanned")):
        truth = build_truth(seed, pdf.name, kind, pages)
        tpath = truth_dir / f"{pdf.stem}.json"
        tpath.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written[f"truth_{kind}"] = tpath
    if copy_real:
        for name in REAL_COPIES:
            shutil.copyfile(REAL / name, out / name)
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "samples")
    ap.add_argument("--truth", type=Path, default=ROOT / "tests" / "truth")
    ap.add_argument("--seed", type=Path, default=SEED)
    ap.add_argument("--no-copy", action="store_true", help="do not copy the real PDFs")
    args = ap.parse_args(argv)
    for key, p in build_samples(args.out, args.truth, args.seed, not args.no_copy).items():
        print(f"{key}: {p} ({p.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
