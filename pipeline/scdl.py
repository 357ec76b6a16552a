"""`delib export scdl OUT --to FILE.csv`: the SCDL « Délibérations » 2.1.5 open-data CSV.

The schema (pipeline/data/scdl-deliberations-2.1.5.json) asks for fields a deliberation PDF does
not print: the authority's SIRET, the ACTES matière, the prefecture's registration. They come
from options and a mapping file (see pipeline/data/scdl_mapping.example.csv), or stay empty when
the schema allows it; the command says, per field, how many values were read, defaulted or left
empty, and why. Required fields left empty make the exit code 1: the file would not validate.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from urllib.parse import quote as url_quote

from .writers import read_table

DATA = Path(__file__).resolve().parent / "data"
SCHEMA_PATH = DATA / "scdl-deliberations-2.1.5.json"
EXAMPLE_MAPPING = DATA / "scdl_mapping.example.csv"

COLUMNS = ("COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
           "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF",
           "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL")
REQUIRED = ("COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
            "DELIB_OBJET")
# Not printed in a deliberation's text (or not read by the extractors yet).
NOT_IN_PDF = ("BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE")

# ACTES nomenclature (Ministère de l'Intérieur), levels 1 and 2, written as SCDL wants them:
# lower case, accents kept, no comma nor parenthesis.
ACTES_LEVEL1 = {
    "1": "commande publique", "2": "urbanisme", "3": "domaine et patrimoine", "4": "fonction publique",
    "5": "institutions et vie politique", "6": "libertés publiques et pouvoirs de police",
    "7": "finances locales", "8": "domaines de compétences par thèmes", "9": "autres domaines de compétences",
}
ACTES_LEVEL2 = {
    "1.1": "marchés publics", "1.2": "délégation de service public", "1.3": "conventions de mandat",
    "1.4": "autres types de contrats", "1.5": "transactions protocole d'accord transactionnel",
    "1.6": "actes relatifs à la maîtrise d'oeuvre", "1.7": "actes spéciaux et divers",
    "2.1": "documents d'urbanisme", "2.2": "actes relatifs au droit d'occupation ou d'utilisation des sols",
    "2.3": "droit de préemption urbain",
    "3.1": "acquisitions", "3.2": "aliénations", "3.3": "locations", "3.4": "limites territoriales",
    "3.5": "autres actes de gestion du domaine public", "3.6": "autres actes de gestion du domaine privé",
    "4.1": "personnels titulaires et stagiaires de la fpt", "4.2": "personnels contractuels",
    "4.3": "fonction publique hospitalière", "4.4": "autres catégories de personnels",
    "4.5": "régime indemnitaire",
    "5.1": "élection exécutif", "5.2": "fonctionnement des assemblées", "5.3": "désignation de représentants",
    "5.4": "délégation de fonctions", "5.5": "délégation de signature", "5.6": "exercice des mandats locaux",
    "5.7": "intercommunalité", "5.8": "décision d'ester en justice",
    "6.1": "police municipale", "6.2": "pouvoir du président du conseil général",
    "6.3": "pouvoir du président du conseil régional", "6.4": "autres actes réglementaires",
    "6.5": "actes pris au nom de l'état",
    "7.1": "décisions budgétaires", "7.2": "fiscalité", "7.3": "emprunts", "7.4": "interventions économiques",
    "7.5": "subventions", "7.6": "contributions budgétaires", "7.7": "avances", "7.8": "fonds de concours",
    "7.9": "prise de participation", "7.10": "divers",
    "8.1": "enseignement", "8.2": "aide sociale", "8.3": "voirie", "8.4": "aménagement du territoire",
    "8.5": "politique de la ville-habitat-logement", "8.6": "emploi-formation professionnelle",
    "8.7": "transports", "8.8": "environnement", "8.9": "culture",
    "9.1": "autres domaines de compétences des communes",
    "9.2": "autres domaines de compétences des départements",
    "9.3": "autres domaines de compétences des régions", "9.4": "voeux et motions",
}


def fold(text: str) -> str:
    """Case, accents and spacing ignored, as Validata compares labels."""
    text = (text or "").replace("\u2019", "'").replace("\u02bc", "'").replace("œ", "oe").replace("Œ", "OE")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def authority_key(name: str) -> str:
    """'Commune de Saint-Exemple' and 'COMMUNE DE SAINT EXEMPLE' are the same authority."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(name)).split())


def actes_label(code: str) -> Optional[str]:
    """'7.5' -> 'finances locales/subventions' (None for a code outside the nomenclature)."""
    level2 = ACTES_LEVEL2.get(code)
    return f"{ACTES_LEVEL1[code.split('.')[0]]}/{level2}" if level2 else None


def begins_with_actes_level1(label: str) -> bool:
    folded = fold(label)
    return any(folded.startswith(fold(l1)) for l1 in ACTES_LEVEL1.values())


# --------------------------------------------------------------------------- mapping file
class MappingError(ValueError):
    pass


@dataclass
class MatiereRule:
    pattern: re.Pattern
    code: str
    label: str
    kind: str  # 'keyword' | 'act_number' | 'default'


@dataclass
class Mapping:
    sirets: dict[str, str] = field(default_factory=dict)  # folded authority -> SIRET
    names: dict[str, str] = field(default_factory=dict)  # folded authority -> official name
    rules: list[MatiereRule] = field(default_factory=list)  # first match wins, in file order
    default: Optional[MatiereRule] = None


def _keyword_pattern(match: str) -> re.Pattern:
    """'budget primitif|décision modificative' -> words matched on the folded subject."""
    words = [fold(w) for w in match.split("|") if w.strip()]
    if not words:
        raise MappingError("empty keyword list")
    # Whole words; a plural is allowed except after acronyms ('plu' must not match 'plus').
    alternatives = [re.escape(w) + ("(?:s|x)?" if len(w) > 4 else "") for w in words]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def _matiere(code: str, label: str, where: str) -> tuple[str, str]:
    code = code.strip()
    if not re.fullmatch(r"\d\.\d{1,2}", code):
        raise MappingError(f"{where}: matière code {code!r} is not like '7.5'")
    label = label.strip() or actes_label(code) or ""
    if not begins_with_actes_level1(label):
        raise MappingError(f"{where}: matière label {label!r} does not begin with an ACTES level-1 label")
    return code, label


def _mapping_row(m: Mapping, row: dict, where: str) -> None:
    rule, match, value, label = (row.get(k) or "" for k in ("rule", "match", "value", "label"))
    rule = rule.strip()
    if rule == "siret":
        if not re.fullmatch(r"\d{14}", value.strip()):
            raise MappingError(f"{where}: SIRET {value!r} is not 14 digits")
        m.sirets[authority_key(match)] = value.strip()
    elif rule == "coll_nom":
        m.names[authority_key(match)] = value.strip()
    elif rule in ("keyword", "act_number", "default"):
        code, label = _matiere(value, label, where)
        try:
            pattern = _keyword_pattern(match) if rule == "keyword" else re.compile(match if rule == "act_number" else "")
        except re.error as exc:
            raise MappingError(f"{where}: bad regular expression {match!r}: {exc}") from exc
        target = MatiereRule(pattern, code, label, rule)
        if rule == "default":
            m.default = target
        else:
            m.rules.append(target)
    else:
        raise MappingError(f"{where}: unknown rule {rule!r} (siret, coll_nom, keyword, act_number, default)")


def load_mapping(path: Path | str) -> Mapping:
    """CSV with columns rule,match,value,label; blank lines and lines starting with '#' skipped."""
    m = Mapping()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.lstrip().startswith("#")]
    for i, row in enumerate(csv.DictReader(lines), 2):
        _mapping_row(m, row, f"{path}: row {i}")
    return m


# --------------------------------------------------------------------------- rows
def vote_counts(row: dict) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """(pour, contre, abstention) as printed; a unanimous vote printed without figures counts
    every voter who took part as 'pour' and nobody against."""
    pour, contre, abst = row.get("votes_for"), row.get("votes_against"), row.get("abstentions")
    if row.get("unanimous") and pour is None and row.get("voters_count") is not None:
        pour = row["voters_count"] - (abst or 0) - (row.get("not_voting") or 0)
        contre = 0 if contre is None else contre
    return pour, contre, abst


@dataclass
class ExportOptions:
    siret: Optional[str] = None
    coll_nom: Optional[str] = None
    mapping: Mapping = field(default_factory=Mapping)
    url_prefix: Optional[str] = None


class Report:
    """Per column, how many values were read from the PDF, defaulted or left empty, and why."""

    def __init__(self):
        self.by_column: dict[str, Counter] = defaultdict(Counter)
        self.rows = 0
        self.siret_option_authorities: set[str] = set()  # one SIRET given to all of them

    def note(self, column: str, how: str) -> None:
        self.by_column[column][how] += 1

    def empty_required(self) -> dict[str, int]:
        return {c: n for c in REQUIRED for how, n in self.by_column[c].items() if how.startswith("empty")}

    def lines(self) -> list[str]:
        out = []
        if len(self.siret_option_authorities) > 1:
            out.append(f"  warning: --siret given to {len(self.siret_option_authorities)} authorities ("
                       + ", ".join(sorted(self.siret_option_authorities)) + "): name each in a mapping siret rule")
        for column in COLUMNS:
            notes = [f"{n} {how}" for how, n in self.by_column[column].most_common() if how != "from the PDF"]
            if notes:
                out.append(f"  {column}: " + "; ".join(notes))
        return out


def _text(value) -> str:
    return "" if value is None else str(value)


def _pick(report: Report, column: str, candidates) -> str:
    """First non-empty (value, how) of the candidates; the last 'how' names why it is empty."""
    how = "empty"
    for value, how in candidates:
        if value not in (None, ""):
            report.note(column, how)
            return _text(value)
    report.note(column, how)
    return ""


def _matiere_for(d: dict, opts: ExportOptions) -> tuple[Optional[MatiereRule], str]:
    subject, act = fold(d.get("subject") or ""), d.get("act_number") or ""
    for r in opts.mapping.rules:
        if (r.kind == "keyword" and r.pattern.search(subject)) or (r.kind == "act_number" and r.pattern.search(act)):
            return r, f"from a mapping {r.kind} rule"
    if opts.mapping.default:
        return opts.mapping.default, "defaulted (mapping default)"
    return None, "empty (no mapping rule matched; pass --mapping)"


def _url(doc: dict, d: dict, prefix: Optional[str]) -> tuple[Optional[str], str]:
    if not prefix:
        return None, "empty (no --url-prefix: the PDF's public address is unknown)"
    name = Path(doc.get("source_path") or "").name
    if not name:
        return None, "empty (no source file name)"
    page = f"#page={d['page_start']}" if d.get("page_start") else ""
    return f"{prefix.rstrip('/')}/{url_quote(name)}{page}", "built from --url-prefix and the file name"


def scdl_row(d: dict, doc: dict, opts: ExportOptions, report: Report) -> dict[str, str]:
    authority = d.get("authority") or ""
    key = authority_key(authority)
    rule, matiere_how = _matiere_for(d, opts)
    pour, contre, abst = vote_counts(d)
    unan = "defaulted (unanimité: every voter for)"
    present_plus = (d["present_count"] + (d.get("represented_count") or 0)) if d.get("present_count") is not None else None
    url, url_how = _url(doc, d, opts.url_prefix)
    fallback_id = f"{(d.get('document_id') or '')[:12]}-{d.get('seq')}"
    date = d.get("session_date")
    if opts.siret and key not in opts.mapping.sirets:
        report.siret_option_authorities.add(authority or "(authority not read)")
    row = {
        "COLL_NOM": _pick(report, "COLL_NOM", [(opts.mapping.names.get(key), "from the mapping (coll_nom)"),
                                               (authority, "from the PDF"),
                                               (opts.coll_nom, "from --coll-nom"),
                                               (None, "empty (no authority read; pass --coll-nom)")]),
        "COLL_SIRET": _pick(report, "COLL_SIRET", [(opts.mapping.sirets.get(key), "from the mapping (siret)"),
                                                   (opts.siret, "from --siret"),
                                                   (None, "empty (pass --siret or a mapping siret rule)")]),
        "DELIB_ID": _pick(report, "DELIB_ID", [(d.get("act_number"), "from the PDF"),
                                               (fallback_id, "defaulted to <document id>-<seq> (no act number read)")]),
        "DELIB_DATE": _pick(report, "DELIB_DATE", [(date.isoformat() if isinstance(date, dt.date) else None,
                                                    "from the PDF"), (None, "empty (no session date read)")]),
        "DELIB_MATIERE_CODE": _pick(report, "DELIB_MATIERE_CODE", [(rule and rule.code, matiere_how)]),
        "DELIB_MATIERE_NOM": _pick(report, "DELIB_MATIERE_NOM", [(rule and rule.label, matiere_how)]),
        "DELIB_OBJET": _pick(report, "DELIB_OBJET", [(d.get("subject"), "from the PDF"),
                                                     (None, "empty (no subject read)")]),
        "VOTE_EFFECTIF": _pick(report, "VOTE_EFFECTIF", [(d.get("members_in_office"), "from the PDF"),
                                                         (None, "empty (not printed)")]),
        "VOTE_REEL": _pick(report, "VOTE_REEL", [(d.get("voters_count"), "from the PDF"),
                                                 (present_plus, "defaulted to present + represented"),
                                                 (None, "empty (not printed)")]),
        "VOTE_POUR": _pick(report, "VOTE_POUR", [(d.get("votes_for"), "from the PDF"), (pour, unan),
                                                 (None, "empty (not printed)")]),
        "VOTE_CONTRE": _pick(report, "VOTE_CONTRE", [(d.get("votes_against"), "from the PDF"), (contre, unan),
                                                     (None, "empty (not printed)")]),
        "VOTE_ABSTENTION": _pick(report, "VOTE_ABSTENTION", [(abst, "from the PDF"), (None, "empty (not printed)")]),
        "DELIB_URL": _pick(report, "DELIB_URL", [(url, url_how)]),
    }
    for column in NOT_IN_PDF:
        row[column] = _pick(report, column, [(None, "empty (not in the PDF; optional)")])
    return {c: row[c] for c in COLUMNS}


def export_rows(out: Path | str, opts: ExportOptions) -> tuple[list[dict[str, str]], Report]:
    docs = {r["document_id"]: r for r in read_table(out, "documents").to_pylist()}
    delibs = sorted(read_table(out, "deliberations").to_pylist(),
                    key=lambda r: (r["authority"] or "", r["session_date"] or dt.date.min, r["document_id"], r["seq"] or 0))
    report = Report()
    rows = [scdl_row(d, docs.get(d["document_id"], {}), opts, report) for d in delibs]
    report.rows = len(rows)
    return rows, report


def write_csv(rows: list[dict[str, str]], path: Path | str) -> None:
    # UTF-8, comma separated, a header line: what the SCDL documentation and Validata expect.
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --------------------------------------------------------------------------- CLI
def cmd_export_scdl(args) -> int:
    if args.siret and not re.fullmatch(r"\d{14}", args.siret):
        print(f"delib export scdl: --siret {args.siret!r} is not 14 digits", file=sys.stderr)
        return 2
    try:
        mapping = load_mapping(args.mapping) if args.mapping else Mapping()
    except (OSError, MappingError) as exc:
        print(f"delib export scdl: mapping: {exc}", file=sys.stderr)
        return 2
    if not Path(args.out).is_dir():
        print(f"delib export scdl: no datasets folder: {args.out}", file=sys.stderr)
        return 2
    opts = ExportOptions(siret=args.siret, coll_nom=args.coll_nom, mapping=mapping, url_prefix=args.url_prefix)
    rows, report = export_rows(args.out, opts)
    write_csv(rows, args.to)
    print(f"delib export scdl: {report.rows} deliberations -> {args.to} (SCDL Délibérations 2.1.5)")
    print("\n".join(report.lines()))
    missing = report.empty_required()
    if missing:
        print("delib export scdl: required fields left empty, the file will not validate: "
              + ", ".join(f"{c} ({n} rows)" for c, n in missing.items()), file=sys.stderr)
        return 1
    return 0


def _export_subparsers(sub):
    """The `export` command's own subcommands, created once (other formats may join later)."""
    export = sub.choices.get("export") if hasattr(sub, "choices") else None
    if export is None:
        export = sub.add_parser("export", help="export the datasets to open-data formats")
        return export.add_subparsers(dest="format", required=True)
    return next(a for a in export._actions if a.__class__.__name__ == "_SubParsersAction")


def add_parser(sub) -> None:
    p = _export_subparsers(sub).add_parser(
        "scdl", help="SCDL « Délibérations » 2.1.5 CSV",
        description="Write the SCDL « Délibérations » 2.1.5 CSV; says which fields were defaulted or left empty.")
    p.add_argument("out", help="datasets folder written by `delib extract`")
    p.add_argument("--to", required=True, help="CSV file to write")
    p.add_argument("--siret", help="SIRET of the authority (14 digits), for authorities the mapping does not name")
    p.add_argument("--coll-nom", help="authority name when none was read from the PDF")
    p.add_argument("--mapping", help=f"mapping CSV: authority -> SIRET, keywords/act numbers -> ACTES matière "
                                     f"(example: {EXAMPLE_MAPPING.name})")
    p.add_argument("--url-prefix", help="public URL of the folder holding the PDFs, for DELIB_URL")
    p.set_defaults(func=cmd_export_scdl)
