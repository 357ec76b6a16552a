"""Print a `Session` as a born-digital PDF with reportlab, recording the page of each heading and vote.

The page numbers of the truth file (page_start, page_end) come from the drawing itself: the
paragraphs that carry a heading, a vote or a decided article record the page they land on.
Signature places are recorded too, so that the scanner can put ink over them.
"""
from __future__ import annotations

import random
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics.shapes import Circle, Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

from . import phrases as P
from .generate import Item, Session

rl_config.invariant = 1  # no timestamp or random id in the file: same seed, same bytes
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_REGISTERED: set = set()


def font_pair(name: str) -> tuple[str, str]:
    """Regular and bold font names, registering the DejaVu faces on first use."""
    builtin = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}
    if name in builtin:
        return name, builtin[name]
    if name not in _REGISTERED:
        for face, file in ((name, f"{name}.ttf"), (name + "-Bold", f"{name}-Bold.ttf")):
            pdfmetrics.registerFont(TTFont(face, str(FONT_DIR / file)))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name + "-Bold", italic=name, boldItalic=name + "-Bold")
        _REGISTERED.add(name)
    return name, name + "-Bold"


class Marked(Paragraph):
    """A paragraph that never splits and records the page it is drawn on."""

    def __init__(self, text, style, sink: dict, key: str):
        super().__init__(text, style)
        self._sink, self._key = sink, key

    def split(self, aW, aH):
        return []

    def draw(self):
        page = self.canv.getPageNumber()
        if self._key == "start":
            self._sink.setdefault("start", page)
        else:
            self._sink[self._key] = max(self._sink.get(self._key, 0), page)
        super().draw()


class SignaturePlace(Flowable):
    """Zero-size marker: where a signature is written (page, x, y in points from the top-left)."""

    def __init__(self, sink: list):
        super().__init__()
        self._sink = sink
        self.width = self.height = 0

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        self._sink.append((self.canv.getPageNumber(), x, A4[1] - y))


def numbered_canvas(footer: str, font: str):
    class NumberedCanvas(rl_canvas.Canvas):
        """Prints 'n / N' once the page count is known."""

        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self._states = []

        def showPage(self):
            self._states.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._states)
            for state in self._states:
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.drawRightString(A4[0] - 40, 25, f"{self._pageNumber} / {total}")
                if footer:
                    self.drawString(50, 25, footer)
                super().showPage()
            super().save()
    return NumberedCanvas


def logo(s: Session, rng: random.Random) -> Drawing:
    d = Drawing(70, 50)
    if rng.random() < 0.5:
        d.add(Rect(5, 8, 18, 34, fillColor=colors.HexColor("#1b3d8f"), strokeColor=None))
        d.add(Rect(23, 8, 18, 34, fillColor=colors.white, strokeColor=colors.HexColor("#cccccc")))
        d.add(Rect(41, 8, 18, 34, fillColor=colors.HexColor("#c8102e"), strokeColor=None))
    else:
        d.add(Circle(32, 25, 22, fillColor=colors.HexColor("#2f6b3a"), strokeColor=None))
        d.add(String(32, 20, "".join(w[0] for w in s.authority.split() if w[0].isupper())[:3], fontSize=13,
                     fillColor=colors.white, textAnchor="middle", fontName="Helvetica-Bold"))
    return d


class Renderer:
    def __init__(self, s: Session, rng: random.Random):
        self.s, self.rng = s, rng
        self.font, self.bold = font_pair(s.style["font"])
        size = s.style["size"]
        self.normal = ParagraphStyle("n", fontName=self.font, fontSize=size, leading=size * 1.3,
                                     alignment=TA_JUSTIFY if rng.random() < 0.6 else 0, spaceAfter=4)
        self.head = ParagraphStyle("h", parent=self.normal, fontName=self.bold if s.style["bold_headings"] else self.font,
                                   fontSize=size + 0.5, spaceBefore=10, spaceAfter=6, alignment=0)
        self.title = ParagraphStyle("t", parent=self.normal, fontName=self.bold, fontSize=size + 3, alignment=TA_CENTER,
                                    leading=(size + 3) * 1.3)
        self.center = ParagraphStyle("c", parent=self.normal, alignment=TA_CENTER)
        self.small = ParagraphStyle("s", parent=self.normal, fontSize=size - 1.5, leading=(size - 1.5) * 1.25)
        self.signatures: list = []

    def p(self, text, style=None):
        return Paragraph(text, style or self.normal)

    # ------------------------------------------------------------------ header
    def letterhead(self) -> list:
        s = self.s
        head = list(s.letterhead)
        if s.population_style.startswith("letterhead") and P.population_text(s):
            head.insert(1, P.population_text(s))
        left = [self.p(f"<b>{P.esc(line)}</b>" if i == 0 else P.esc(line), self.small) for i, line in enumerate(head)]
        right = [self.p("RÉPUBLIQUE FRANÇAISE", ParagraphStyle("r", parent=self.small, alignment=TA_RIGHT)),
                 self.p(f"Département : {s.departement[1]}", ParagraphStyle("r2", parent=self.small, alignment=TA_RIGHT))]
        t = Table([[logo(s, self.rng), left, right]], colWidths=[75, 250, 150])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [t, Spacer(1, 10)]

    def title_block(self) -> list:
        s = self.s
        body_up = s.body.upper()
        if s.kind == "extract":
            lines = ["EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", P.of_the(s).upper()]
        else:
            lines = [f"{s.minutes_word} DE LA SÉANCE {P.of_the(s).upper()}"]
        lines.append(f"Séance du {P.date_long(s.date)}")
        out = [self.p(P.esc(lines[0]), self.title)] + [self.p(P.esc(line), self.center) for line in lines[1:]]
        if s.style["title_box"]:
            t = Table([[out]], colWidths=[430])
            t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, colors.black), ("TOPPADDING", (0, 0), (-1, -1), 6)]))
            return [t, Spacer(1, 8)]
        return out + [Spacer(1, 8)]

    def box_rows(self) -> list:
        s = self.s
        rows = [[k, str(v)] for k, v in P.count_pairs(s, s.counts)]
        if s.convocation and s.convocation_style == "box":
            rows.append(["Date de convocation", P.date_short(s.convocation)])
            rows.append(["Date d’affichage", P.date_short(s.affichage)])
        return rows

    def counts_box(self, width=170) -> Table:
        rows = [[self.p(P.esc(k), self.small), self.p(v, self.small)] for k, v in self.box_rows()]
        t = Table(rows, colWidths=[width - 58, 58])
        t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("INNERGRID", (0, 0), (-1, -1), 0.25, colors.grey)]))
        return t

    def session_block(self) -> list:
        s, rng = self.s, self.rng
        pre = [self.p(P.preamble(rng, s))]
        if P.urgency_sentence(s):
            pre.append(self.p(P.urgency_sentence(s)))
        if s.population_style == "line" and P.population_text(s):
            pre.insert(0, self.p(P.esc(P.population_text(s))))
        if s.second_call:
            pre.append(self.p(P.second_call_sentence(s)))
        out = []
        if s.counts_style == "box" and s.kind == "extract":
            t = Table([[self.counts_box(190), pre]], colWidths=[200, 270])
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif s.counts_style == "box":
            out += pre + [self.counts_box(220), Spacer(1, 6)]
        else:
            out += pre
        if s.convocation and (s.convocation_style == "line" or (s.convocation_style == "box" and s.counts_style not in ("box", "margin"))):
            out.append(self.p(rng.choice((f"Date de convocation : {P.date_short(s.convocation)} – Date d’affichage : "
                                          f"{P.date_short(s.affichage)}",
                                          f"Date de la convocation : {P.date_long(s.convocation)}"))))
        for label, names in P.attendance_lines(rng, s):
            out.append(self.p(f"<b>{label} :</b> {names}"))
        if s.counts_style == "lines":
            out += [self.p(f"{P.esc(k)} : {v}") for k, v in P.count_pairs(s, s.counts)]
        elif s.counts_style == "prose":
            out.append(self.p(P.counts_prose(s, s.counts)))
        sec = P.secretary_text(s)
        if sec and not (s.kind == "minutes" and s.procedural):
            out.append(self.p(sec))
        return out

    # ------------------------------------------------------------------ minutes extras
    def procedural(self) -> list:
        s, out = self.s, []
        if s.secretary:
            out += [self.p("Désignation du secrétaire de séance", self.head),
                    self.p(P.secretary_text(s) + (" (adopté à l’unanimité)" if s.secretary_style == "line" else ""))]
        prev = s.date.replace(day=1)
        out += [self.p(f"Approbation du procès-verbal de la séance du {P.date_long(prev)}", self.head),
                self.p("Le procès-verbal de la précédente séance est approuvé à l’unanimité.")]
        return out

    def delegations(self) -> list:
        s, rng = self.s, self.rng
        out = [self.p("Décisions prises par délégation (article L. 2122-22 du CGCT)", self.head),
               self.p(P.the(s, True) + " prend connaissance des décisions suivantes, qui ne donnent pas lieu à vote :")]
        for num in s.delegations:
            amount = f"{rng.randint(1, 19)}\u00a0{rng.randint(100, 999)},00\u00a0€ HT"
            what = rng.choice(("Signature d’un devis avec l’entreprise Tessier pour la réparation de la toiture de l’église",
                               "Renouvellement du contrat de maintenance des extincteurs",
                               "Acceptation d’une indemnité de sinistre versée par l’assureur"))
            out.append(self.p(f"{s.style['bullet']} {num} : {what} pour un montant de {amount}."))
        return out

    def recap(self) -> list:
        rows = [[self.p(P.esc(it.act_number or str(it.seq)), self.small), self.p(P.esc(it.subject), self.small)]
                for it in self.s.items]
        t = Table(rows, colWidths=[90, 380])
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey)]))
        return [CondPageBreak(120), self.p("Liste des délibérations examinées au cours de la séance", self.head), t]

    def signature_table(self) -> list:
        s = self.s
        rows = [[self.p("<b>Nom</b>", self.small), self.p("<b>Signature</b>", self.small)]]
        rows += [[self.p(P.esc(p.name(s.order)), self.small), ""] for p in s.present]
        t = Table(rows, colWidths=[220, 200], rowHeights=[16] + [22] * len(s.present))
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        return [CondPageBreak(160), self.p("Tableau des signatures", self.head), t]

    def signature_block(self) -> list:
        s = self.s
        role = s.president_role if s.president_role[0].isupper() else s.president_role.capitalize()
        right = [self.p(f"{'La' if s.president.female else 'Le'} {P.esc(role)},", self.center), SignaturePlace(self.signatures),
                 Spacer(1, 30), self.p(P.esc(P.prose_name(s, s.president)), self.center)]
        left = ""
        if s.secretary:
            left = [self.p("Le secrétaire de séance,", self.center), SignaturePlace(self.signatures), Spacer(1, 30),
                    self.p(P.esc(P.prose_name(s, s.secretary)), self.center)]
        t = Table([[left, right]], colWidths=[230, 230])
        return [Spacer(1, 12), KeepTogether([t])]

    # ------------------------------------------------------------------ items
    def heading(self, item: Item) -> list:
        s = self.s
        subj = P.esc(item.subject)
        if item.act_number and s.kind == "extract" and self.rng.random() < 0.5:
            lines = [f"Délibération n° {item.act_number}", f"Objet : {subj}"]
        elif item.act_number:
            lines = [self.rng.choice((f"{item.act_number} – {subj}", f"Délibération n°{item.act_number} : {subj}"))]
        elif item.number_label:
            lines = [f"{item.number_label} {subj}"]
        else:
            lines = [f"Objet : {subj}" if s.kind == "extract" else subj]
        first = Marked(lines[0], self.head, item.pages, "start")
        return [CondPageBreak(90), first] + [self.p(x, self.head) for x in lines[1:]]

    def item(self, item: Item) -> list:
        s, rng = self.s, self.rng
        out = []
        for what, who, when in item.events:
            name = f"{who.civ} {P.esc(s.printed_name(who, 'event'))}"
            out.append(self.p(f"<i>Arrivée de {name} à {when}.</i>" if what == "arrive"
                              else f"<i>{name} quitte la séance à {when}.</i>"))
        out += self.heading(item)
        if item.counts:
            out.append(self.p(P.counts_prose(s, item.counts)))
        if item.temp_leave:
            who = item.temp_leave
            out.append(self.p(f"{who.civ_long} {P.esc(who.name(s.order))}, {'intéressée' if who.female else 'intéressé'} "
                              f"à l’affaire, quitte la salle et ne prend part ni au débat ni au vote."))
        if s.kind == "extract" or rng.random() < 0.3:
            out.append(self.p("<b>Vu</b> le Code général des collectivités territoriales ;"))
        out.append(self.p(P.esc(item.context)))
        if item.objectives:
            out += self.objectives(item)
        out += self.vote_and_decisions(item)
        if item.temp_leave:
            out.append(self.p(f"{item.temp_leave.civ} {P.esc(item.temp_leave.name(s.order))} regagne la salle."))
        return out

    def objectives(self, item: Item) -> list:
        y = self.s.date.year
        text = (f"Au 31 décembre {y - 1}, <b>{item.summary_pct} %</b> des actions prévues ont été réalisées ou sont "
                f"en cours de réalisation.")
        rows = [[self.p("<b>N°</b>", self.small), self.p("<b>Objectif opérationnel</b>", self.small),
                 self.p("<b>État de réalisation</b>", self.small)]]
        for o in item.objectives:
            b = (lambda t: f"<b>{t}</b>") if o["highlighted"] else (lambda t: t)
            rows.append([self.p(b(str(o["number"])), self.small), self.p(b(P.esc(o["label"])), self.small),
                         self.p(b(P.esc(o["status_text"])), self.small)])
        t = Table(rows, colWidths=[30, 260, 160], repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [self.p(text), t, Spacer(1, 6)]

    def vote_and_decisions(self, item: Item) -> list:
        s, rng, v = self.s, self.rng, item.vote
        before_ok = v.kind in ("unanimous", "unanimous_abst", "prose", "caps", "counts") and not v.npp \
            and item.decision_style != "proposed" and v.outcome == "adopted" and item.decisions
        before = P.vote_inline(rng, v) if (before_ok and v.position == "before") else None
        out = []
        if v.outcome == "rejected":
            out.append(self.p(f"{s.pres_title[0].upper() + s.pres_title[1:]} présente le projet et invite l’assemblée à se prononcer."))
        else:
            for role, markup in P.decision_paragraphs(rng, s, item, before):
                key = "last" if role.startswith("decision") else ("vote" if role == "vote" else None)
                if role == "decision+vote":
                    out.append(Marked(markup, self.normal, item.pages, "last"))
                    item.pages.setdefault("vote", 0)
                    out.append(_VoteAlias(item.pages))
                elif key:
                    out.append(Marked(markup, self.normal, item.pages, key))
                else:
                    out.append(self.p(markup))
        if not before and v.kind != "none":
            texts = P.vote_after(rng, s, v)
            # The page of the vote is that of its figures, not of a trailing "La proposition est adoptée."
            counted = len(texts) - 1 if v.kind in ("caps", "secret", "multi", "counts", "rejected") else len(texts)
            for k, text in enumerate(texts):
                out.append(Marked(text, self.normal, item.pages, "vote") if k < counted else self.p(text))
        return out

    # ------------------------------------------------------------------ document
    def story(self) -> list:
        s = self.s
        out = self.letterhead() + self.title_block() + self.session_block()
        if s.kind == "minutes":
            if s.procedural:
                out += self.procedural()
            if s.delegations:
                out += self.delegations()
        for item in s.items:
            out += self.item(item)
        if s.kind == "minutes":
            if self.rng.random() < 0.5:
                out += [self.p("Questions diverses", self.head),
                        self.p("Les élus sont informés des prochaines manifestations organisées sur le territoire.")]
            out.append(self.p(f"La séance est levée à {self.rng.choice(('21h40', '22h15', '20h50', '23h05'))}."))
        else:
            out += [Spacer(1, 6), self.p("Fait et délibéré les jour, mois et an susdits."),
                    self.p("Pour extrait certifié conforme au registre.")]
        out += self.signature_block()
        if s.kind == "minutes" and s.recap:
            out += self.recap()
        if s.kind == "minutes" and s.signature_table:
            out += self.signature_table()
        return out

    def margin(self, canvas, doc) -> None:
        s = self.s
        canvas.saveState()
        canvas.setFont(self.font, 7.5)
        y = A4[1] - 230
        canvas.line(115, 60, 115, A4[1] - 220)
        lines = ["Nombre de membres"]
        labels = {"members": "en exercice", "present": "présents", "represented": "représentés", "voters": "votants"}
        c = s.counts
        for key, value in (("members", c.members), ("present", c.present), ("represented", c.represented),
                           ("voters", c.voters)):
            if value is not None:
                lines.append(f"{labels[key]} : {value}")
        if s.convocation and s.convocation_style == "box":
            lines += ["", "Date de convocation :", P.date_short(s.convocation), "Date d’affichage :",
                      P.date_short(s.affichage)]
        for line in lines:
            canvas.drawString(40, y, line)
            y -= 11
        canvas.restoreState()

    def build(self, path: Path) -> None:
        s = self.s
        left = s.style["margin_left"] + (75 if s.counts_style == "margin" else 0)
        top = s.style.get("top", 45)
        frame = Frame(left, 50, A4[0] - left - 50, A4[1] - 50 - top, id="f")
        doc = BaseDocTemplate(str(path), pagesize=A4, title=f"{s.body} {s.date.isoformat()}",
                              author=s.authority, creator="Microsoft® Word 2016", producer="Microsoft® Word 2016")
        stamp = P.stamp_lines(s) if s.stamp and not s.scanned else None  # a scan gets it over the image

        def on_page(canvas, doc):
            if s.counts_style == "margin":
                self.margin(canvas, doc)
            if stamp:
                draw_stamp_text(canvas, stamp)
        doc.addPageTemplates([PageTemplate("p", [frame], onPage=on_page)])
        footer = ""
        if s.kind == "extract" and self.rng.random() < 0.6:
            footer = f"Acte transmis en préfecture le {P.date_short(s.date)} – publié le {P.date_short(s.date)}"
        doc.build(self.story(), canvasmaker=numbered_canvas(footer, self.font))


def draw_stamp_text(canvas, lines: list[str], x: float = 400, top: float = 16) -> None:
    """The prefecture's e-transmission stamp, as its platform writes it: Helvetica 7 pt, top right."""
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    for k, line in enumerate(lines):
        canvas.drawString(x, A4[1] - top - 6 - 13 * k, line)
    canvas.restoreState()


class _VoteAlias(Flowable):
    """Makes the page of a prose decision also the page of the vote it carries."""

    def __init__(self, sink: dict):
        super().__init__()
        self._sink, self.width, self.height = sink, 0, 0

    def draw(self):
        self._sink["vote"] = max(self._sink.get("vote", 0), self._sink.get("last", 0))


def render_pdf(s: Session, path: Path, rng: random.Random) -> list:
    """Write the PDF; fills item.pages; returns the signature places for the scanner."""
    r = Renderer(s, rng)
    r.build(path)
    return r.signatures
