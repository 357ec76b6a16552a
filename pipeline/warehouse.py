"""`delib warehouse OUT --duckdb FILE`: load the Parquet datasets into DuckDB, with keys and views.

One table per dataset, typed from the datasets' contract (pipeline/schemas.py), so an empty
dataset still gives a well-typed table. Natural primary keys where the rows have one; a
deterministic surrogate `row_id` otherwise (same OUT -> same ids). The whole load runs in one
transaction that drops and recreates every table and view: re-loading the same OUT is idempotent
and a failed load leaves the previous database untouched.

Security: document text never reaches SQL. Parquet file paths are passed as bound parameters to
read_parquet; identifiers come from the contract (or a dataset folder name checked against a
strict pattern) and are quoted.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pyarrow as pa
import pyarrow.parquet as pq

from .schemas import SCHEMAS
from .writers import MANIFESTS

# Keys that hold by construction of the rows (pipeline/rows.py); verified at load time.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("document_id",),
    "deliberations": ("deliberation_id",),
    "attendance": ("deliberation_id", "position"),
    "decisions": ("deliberation_id", "position"),
    "objectives": ("deliberation_id", "number"),
    "evidence": ("deliberation_id", "field"),
    "tables": ("deliberation_id", "table_id", "row", "column"),
    "members": ("person_id",),
}
# proxies, findings and member_votes have no natural key: a name may repeat when a document
# prints it twice, and a rule may fire twice on one deliberation.
SURROGATE = "row_id"
VIEWS = ("v_vote_splits", "v_member_attendance", "v_findings_per_rule")
_DATASET_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PART = re.compile(r"^part-(?P<chunk>.+)\.parquet$")


class WarehouseError(Exception):
    """A load that cannot produce a correct warehouse (e.g. a key that is not unique)."""


@dataclass
class Dataset:
    name: str
    schema: pa.Schema
    files: list[str]
    key: Optional[tuple[str, ...]]  # None: surrogate row_id


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def duck_type(t: pa.DataType) -> str:
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "VARCHAR"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return duck_type(t.value_type) + "[]"
    simple = {pa.int8(): "TINYINT", pa.int16(): "SMALLINT", pa.int32(): "INTEGER", pa.int64(): "BIGINT",
              pa.float32(): "FLOAT", pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN", pa.date32(): "DATE"}
    if t in simple:
        return simple[t]
    if pa.types.is_timestamp(t):
        return "TIMESTAMP"
    raise WarehouseError(f"no DuckDB type for Arrow type {t}")


# --------------------------------------------------------------------------- discovery
def _committed(out: Path) -> Optional[set[str]]:
    """Chunks whose manifest is written; None when OUT was not written by DatasetWriter."""
    folder = out / MANIFESTS
    return {p.stem for p in folder.glob("*.json")} if folder.is_dir() else None


def dataset_files(out: Path, name: str) -> list[str]:
    """Parquet parts of a dataset, skipping temp files and parts of unfinished chunks."""
    committed = _committed(out)
    files = []
    for path in sorted((out / name).glob("**/*.parquet")):
        if any(part.startswith((".", "_")) for part in path.relative_to(out / name).parts):
            continue
        m = _PART.match(path.name)
        if committed is not None and m and m.group("chunk") not in committed:
            continue
        files.append(str(path.resolve()))
    return files


def discover(out: Path) -> list[Dataset]:
    """The contract's datasets, then any extra dataset folder (e.g. `members`) found in OUT."""
    found = [Dataset(n, s, dataset_files(out, n), NATURAL_KEYS.get(n)) for n, s in SCHEMAS.items()]
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        name = folder.name
        if name in SCHEMAS or not _DATASET_NAME.match(name):
            continue
        files = dataset_files(out, name)
        if files:
            schema = pa.unify_schemas([pq.read_schema(f) for f in files])
            found.append(Dataset(name, schema, files, NATURAL_KEYS.get(name)))
    return found


# --------------------------------------------------------------------------- loading
def _create_table(con, ds: Dataset) -> None:
    cols = [f"{quote(f.name)} {duck_type(f.type)}" for f in ds.schema]
    key = ds.key
    if key is None:
        cols.insert(0, f"{quote(SURROGATE)} BIGINT")
        key = (SURROGATE,)
    cols.append(f"PRIMARY KEY ({', '.join(quote(k) for k in key)})")
    con.execute(f"CREATE TABLE {quote(ds.name)} ({', '.join(cols)})")


def _check_key(con, ds: Dataset) -> None:
    """Refuse a key with nulls or duplicates, naming examples, before DuckDB's terse error."""
    keys = ", ".join(quote(k) for k in ds.key)
    nulls = " OR ".join(f"{quote(k)} IS NULL" for k in ds.key)
    bad = con.execute(
        f"SELECT {keys}, count(*) AS n FROM read_parquet(?, union_by_name=true) "
        f"GROUP BY ALL HAVING count(*) > 1 OR bool_or({nulls}) LIMIT 3", [ds.files]).fetchall()
    if bad:
        raise WarehouseError(f"{ds.name}: key ({', '.join(ds.key)}) is not unique or has nulls, "
                             f"e.g. {bad} (the same document written twice? re-run with --force)")


def _insert(con, ds: Dataset) -> None:
    if not ds.files:
        return
    cols = ", ".join(quote(f.name) for f in ds.schema)
    if ds.key is not None:
        _check_key(con, ds)
        con.execute(f"INSERT INTO {quote(ds.name)} ({cols}) SELECT {cols} "
                    f"FROM read_parquet(?, union_by_name=true)", [ds.files])
        return
    # File name and row position order the rows the same way at every load of the same OUT.
    con.execute(
        f"INSERT INTO {quote(ds.name)} ({quote(SURROGATE)}, {cols}) "
        f"SELECT row_number() OVER (ORDER BY filename, file_row_number), {cols} "
        f"FROM read_parquet(?, union_by_name=true, filename=true, file_row_number=true)", [ds.files])


def _columns(con, table: str) -> set[str]:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])
    return {r[0] for r in rows.fetchall()}


# A unanimous vote printed without a "pour" figure: every voter who took part voted for.
VOTES_FOR_SQL = ("coalesce(votes_for, CASE WHEN unanimous THEN voters_count - coalesce(abstentions, 0) "
                 "- coalesce(not_voting, 0) END)")


def _create_views(con) -> None:
    con.execute(f"""
        CREATE VIEW v_vote_splits AS
        SELECT authority, session_year AS year, count(*) AS deliberations,
               count(*) FILTER (WHERE {VOTES_FOR_SQL} IS NOT NULL) AS with_votes,
               sum({VOTES_FOR_SQL})::BIGINT AS votes_for,
               sum(coalesce(votes_against, CASE WHEN unanimous THEN 0 END))::BIGINT AS votes_against,
               sum(abstentions)::BIGINT AS abstentions, sum(not_voting)::BIGINT AS not_voting,
               count(*) FILTER (WHERE unanimous) AS unanimous,
               count(*) FILTER (WHERE outcome = 'adopted') AS adopted,
               count(*) FILTER (WHERE outcome = 'rejected') AS rejected
        FROM deliberations GROUP BY authority, session_year""")
    # Once the members dataset gives attendance a person_id, a person is counted under one id
    # whatever the spelling; until then, under the name as printed.
    person = "a.person_id" if "person_id" in _columns(con, "attendance") else "a.person_name"
    con.execute(f"""
        CREATE VIEW v_member_attendance AS
        SELECT d.authority, {person} AS person, any_value(a.person_name) AS person_name,
               count(DISTINCT a.deliberation_id) AS deliberations_listed,
               count(DISTINCT a.deliberation_id) FILTER (WHERE a.status = 'present') AS present,
               count(DISTINCT a.deliberation_id) FILTER (WHERE a.status = 'excused') AS excused,
               count(DISTINCT a.deliberation_id) FILTER (WHERE a.status = 'absent') AS absent,
               round(count(DISTINCT a.deliberation_id) FILTER (WHERE a.status = 'present')
                     / count(DISTINCT a.deliberation_id), 4) AS attendance_rate,
               min(d.session_date) AS first_session, max(d.session_date) AS last_session
        FROM attendance a LEFT JOIN deliberations d USING (deliberation_id)
        GROUP BY d.authority, {person}""")
    con.execute("""
        CREATE VIEW v_findings_per_rule AS
        SELECT rule, severity, count(*) AS findings,
               count(DISTINCT deliberation_id) AS deliberations,
               count(DISTINCT document_id) AS documents, any_value(source) AS source
        FROM findings GROUP BY rule, severity""")


def _drop_all(con, datasets: list[Dataset]) -> None:
    for view in VIEWS:
        con.execute(f"DROP VIEW IF EXISTS {quote(view)}")
    for ds in datasets:
        con.execute(f"DROP TABLE IF EXISTS {quote(ds.name)}")


def load(out: Path | str, db_path: Path | str) -> dict[str, int]:
    """(Re)load every dataset of OUT into the DuckDB file; returns row counts per table."""
    import duckdb

    out = Path(out)
    if not out.is_dir():
        raise FileNotFoundError(f"no datasets folder: {out}")
    datasets = discover(out)
    con = duckdb.connect(str(db_path))
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            _drop_all(con, datasets)
            for ds in datasets:
                _create_table(con, ds)
                _insert(con, ds)
            _create_views(con)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return {ds.name: con.execute(f"SELECT count(*) FROM {quote(ds.name)}").fetchone()[0]
                for ds in datasets}
    finally:
        con.close()


# --------------------------------------------------------------------------- CLI
def cmd_warehouse(args) -> int:
    import duckdb

    try:
        counts = load(args.out, args.duckdb)
    except FileNotFoundError as exc:
        print(f"delib warehouse: {exc}", file=sys.stderr)
        return 2
    except (WarehouseError, duckdb.Error) as exc:
        print(f"delib warehouse: load failed, database unchanged: {exc}", file=sys.stderr)
        return 1
    width = max(map(len, counts))
    for name, n in counts.items():
        print(f"  {name.ljust(width)}  {n} rows")
    print(f"delib warehouse: {len(counts)} tables and views {', '.join(VIEWS)} -> {args.duckdb}")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("warehouse", help="load the datasets into a DuckDB database (tables, keys, views)")
    p.add_argument("out", help="datasets folder written by `delib extract`")
    p.add_argument("--duckdb", required=True, help="DuckDB database file (created or reloaded)")
    p.set_defaults(func=cmd_warehouse)
