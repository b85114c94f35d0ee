"""De-identified county reports: counts by county and month, with small-cell suppression.

Sources: ``aggregate_event`` (conversations, needs, crisis escalations, handoff waits) and
``screening_record`` (instrument, band), both without any identifier. A report covers
whole calendar months, from the month of ``start`` to the month of ``end``.

Suppression rule (see docs/privacy.md), applied to every count table *including* its
row totals, column totals and grand total:
1. Primary: a count from 1 to 10 is printed as ``<11``. Zeros are printed (they reveal no one).
2. Secondary (complementary): a reader knows that every ``<11`` is between 1 and 10 and every
   ``*`` is 11 or more. For each row and column, Harbor works out, from the printed total and
   the printed cells, the range each hidden cell could still take. While any hidden cell has
   only one possible value, one more cell of that row or column is hidden (``*``): the
   smallest non-zero printed cell, or the line's total when no cell is left. This repeats
   until no row or column pins down a hidden value. Zeros are never used as complements.
Wait times (median and 90th percentile, minutes) are printed only when at least 11 waits
stand behind them; otherwise ``n<11``.
"""
from __future__ import annotations

import base64
import csv
import datetime as dt
import html
import io
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.aggregates import AggregateEvent, canonical_county, month_of
from bot.erasure import existing_table

SMALL = "<11"
COMPLEMENT = "*"
MIN_CELL = 11
UNKNOWN_COUNTY = "Unknown county"
ALL_ROWS = "All"
INF = math.inf


# --- suppression -----------------------------------------------------------------------------

def _domain(mark: str) -> tuple[float, float]:
    """What a reader knows about a hidden entry from its mark."""
    return (1, MIN_CELL - 1) if mark == SMALL else (MIN_CELL, INF)


def _pinned_entries(values: list[int], marks: list[str | None]) -> list[int]:
    """Indexes of hidden entries whose value the line (cells..., total) pins to one number.

    The line says sum(cells) == total. Hidden entries are intervals, printed ones numbers,
    so each hidden entry's possible values form an interval: pinned when it has one value.
    """
    *cell_marks, total_mark = marks
    *cell_values, total_value = values
    visible = sum(v for v, m in zip(cell_values, cell_marks) if m is None)
    hidden = [i for i, m in enumerate(cell_marks) if m is not None]
    if total_mark is None:
        target = (total_value - visible, total_value - visible)
    else:
        low, high = _domain(total_mark)
        target = (low - visible, high - visible)
    pinned = []
    for i in hidden:
        others = [_domain(cell_marks[k]) for k in hidden if k != i]
        low = max(_domain(cell_marks[i])[0], target[0] - sum(o[1] for o in others))
        high = min(_domain(cell_marks[i])[1], target[1] - sum(o[0] for o in others))
        if low == high:
            pinned.append(i)
    if total_mark is not None and hidden:
        sums = [_domain(cell_marks[k]) for k in hidden]
        low = max(_domain(total_mark)[0], visible + sum(s[0] for s in sums))
        high = min(_domain(total_mark)[1], visible + sum(s[1] for s in sums))
        if low == high:
            pinned.append(len(cell_marks))
    elif total_mark is not None and not hidden:
        pinned.append(len(cell_marks))  # every cell printed: the total is their sum
    return pinned


def suppress(counts: list[list[int]]) -> list[list[str]]:
    """Printable table with margins: ``counts`` (rows x columns) -> (rows+1) x (columns+1)
    strings, the last column holding row totals and the last row column totals."""
    n_rows, n_cols = len(counts), len(counts[0]) if counts else 0
    full = [list(row) + [sum(row)] for row in counts]
    full.append([sum(counts[i][j] for i in range(n_rows)) for j in range(n_cols)] + [sum(map(sum, counts))])
    marks: list[list[str | None]] = [[SMALL if 1 <= v < MIN_CELL else None for v in row] for row in full]
    lines = [[(i, j) for j in range(n_cols + 1)] for i in range(n_rows + 1)]
    lines += [[(i, j) for i in range(n_rows + 1)] for j in range(n_cols + 1)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            values = [full[i][j] for i, j in line]
            line_marks = [marks[i][j] for i, j in line]
            if not _pinned_entries(values, line_marks):
                continue
            candidates = [(full[i][j], k) for k, (i, j) in enumerate(line[:-1])
                          if marks[i][j] is None and full[i][j] > 0]
            if not candidates:
                i, j = line[-1]
                if marks[i][j] is None and full[i][j] > 0:
                    candidates = [(full[i][j], len(line) - 1)]
            if not candidates:
                continue  # nothing printed is left to hide in this line
            _, k = min(candidates)
            i, j = line[k]
            marks[i][j] = COMPLEMENT
            changed = True
    return [[marks[i][j] or str(full[i][j]) for j in range(n_cols + 1)] for i in range(n_rows + 1)]


# --- the report ------------------------------------------------------------------------------

@dataclass
class CountTable:
    """One section: rows are (county, month), columns are categories; printable strings only."""

    key: str
    title: str
    rows: list[tuple[str, str]]
    columns: list[str]
    cells: list[list[str]]  # (rows + 1) x (columns + 1); last row/column are totals


@dataclass
class WaitRow:
    county: str
    month: str
    median_minutes: str
    p90_minutes: str


@dataclass
class Report:
    start: dt.date
    end: dt.date
    months: list[str]
    tables: list[CountTable] = field(default_factory=list)
    waits: list[WaitRow] = field(default_factory=list)


def _months(start: dt.date, end: dt.date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _table(key: str, title: str, counts: Counter[tuple[str, str, str]]) -> CountTable:
    rows = sorted({(county, month) for county, month, _ in counts})
    columns = sorted({column for _, _, column in counts})
    matrix = [[counts[(county, month, column)] for column in columns] for county, month in rows]
    cells = suppress(matrix) if rows else [["0"]]
    return CountTable(key, title, rows, columns, cells)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f}"


def _screenings(session: Session, months: set[str]) -> Counter[tuple[str, str, str]]:
    table = existing_table(session, "screening_record")
    counts: Counter[tuple[str, str, str]] = Counter()
    if table is None or not {"instrument", "day", "county", "band"} <= set(table.c.keys()):
        return counts
    for instrument, day, county, band in session.execute(
            sa.select(table.c.instrument, table.c.day, table.c.county, table.c.band)):
        month = month_of(day) if isinstance(day, (dt.date, dt.datetime)) else str(day)[:7]
        if month in months:
            label = canonical_county(county) or UNKNOWN_COUNTY  # stored as "Dane"; shown as "Dane County"
            counts[(label, month, f"{instrument}: {band}")] += 1
    return counts


def county_report(session: Session, start: dt.date, end: dt.date) -> Report:
    """Counts by county and month for the calendar months from ``start`` to ``end``."""
    if end < start:
        raise ValueError("the report's end date is before its start date")
    months = _months(start, end)
    report = Report(start, end, months)
    by_kind: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    waits: dict[tuple[str, str], list[float]] = defaultdict(list)
    rows = session.execute(sa.select(AggregateEvent.month, AggregateEvent.county, AggregateEvent.kind,
                                     AggregateEvent.category, AggregateEvent.value)
                           .where(AggregateEvent.month.in_(months)))
    for month, county, kind, category, value in rows:
        county = county or UNKNOWN_COUNTY
        if kind == "handoff_wait":
            if value is not None:
                waits[(county, month)].append(value)
        else:
            by_kind[kind][(county, month, category)] += 1
    report.tables = [
        _table("conversations", "Conversations (by channel)", by_kind["conversation"]),
        _table("needs", "Needs requested (by category)", by_kind["need"]),
        _table("crisis", "Crisis escalations (by category)", by_kind["crisis"]),
        _table("screenings", "Staff screenings (by instrument and result band)", _screenings(session, set(months))),
    ]
    for (county, month), values in sorted(waits.items()):
        if len(values) >= MIN_CELL:
            p90 = statistics.quantiles(values, n=10, method="inclusive")[8]
            report.waits.append(WaitRow(county, month, _minutes(statistics.median(values)), _minutes(p90)))
        else:
            report.waits.append(WaitRow(county, month, "n<11", "n<11"))
    return report


# --- outputs ---------------------------------------------------------------------------------

def _long_rows(report: Report) -> list[list[str]]:
    out = []
    for table in report.tables:
        labels = table.rows + [(ALL_ROWS, ALL_ROWS)]
        for (county, month), cells in zip(labels, table.cells):
            for column, value in zip(table.columns + ["Total"], cells):
                out.append([table.key, county, month, column, value])
    for wait in report.waits:
        out.append(["handoff_wait_minutes", wait.county, wait.month, "median", wait.median_minutes])
        out.append(["handoff_wait_minutes", wait.county, wait.month, "p90", wait.p90_minutes])
    return out


def write_csv(report: Report, path: Path) -> Path:
    """One tidy CSV: section, county, month, measure, value (already suppressed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["section", "county", "month", "measure", "value"])
        writer.writerows(_long_rows(report))
    return path


def _png_bytes(report: Report) -> bytes:
    """Bar charts of the printed category totals; a hidden total is drawn as no bar, labelled."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9, 2.4 * len(report.tables)), dpi=100)
    FigureCanvasAgg(figure)
    for index, table in enumerate(report.tables, start=1):
        axes = figure.add_subplot(len(report.tables), 1, index)
        if not table.columns:
            axes.set_title(table.title, fontsize=10)
            axes.text(0.5, 0.5, "No records in this period", ha="center", va="center", fontsize=9)
            axes.set_axis_off()
            continue
        totals = table.cells[-1][:-1]
        values = [int(v) if v.isdigit() else 0 for v in totals]
        bars = axes.barh(table.columns, values, color="#3b6e8f")
        for bar, shown in zip(bars, totals):
            if not shown.isdigit():
                axes.annotate(shown, (0, bar.get_y() + bar.get_height() / 2), va="center", fontsize=8)
        axes.set_title(f"{table.title}, {report.months[0]} to {report.months[-1]}", fontsize=10)
        axes.tick_params(labelsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def write_png(report: Report, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_png_bytes(report))
    return path


def _html_table(table: CountTable) -> str:
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in ["County", "Month", *table.columns, "Total"])
    body = []
    for (county, month), cells in zip(table.rows + [(ALL_ROWS, ALL_ROWS)], table.cells):
        body.append("<tr>" + f"<td>{e(county)}</td><td>{e(month)}</td>"
                    + "".join(f"<td>{e(v)}</td>" for v in cells) + "</tr>")
    return (f"<h2>{e(table.title)}</h2><table border=\"1\"><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def render_report(report: Report) -> str:
    """A self-contained page: tables, the chart as a data: URI, no scripts, everything escaped."""
    e = html.escape
    chart = base64.b64encode(_png_bytes(report)).decode()
    waits = "".join(f"<tr><td>{e(w.county)}</td><td>{e(w.month)}</td><td>{e(w.median_minutes)}</td>"
                    f"<td>{e(w.p90_minutes)}</td></tr>" for w in report.waits)
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Harbor county report {e(report.months[0])} to {e(report.months[-1])}</title></head><body>"
        f"<h1>County report, {e(report.months[0])} to {e(report.months[-1])}</h1>"
        f"<p>De-identified counts. {e(SMALL)}: between 1 and 10. {e(COMPLEMENT)}: hidden so that totals "
        "cannot reveal a small count. No identifier of any kind is kept in these figures.</p>"
        + "".join(_html_table(t) for t in report.tables)
        + "<h2>Handoff wait (minutes from request to an advocate claiming it)</h2>"
        "<table border=\"1\"><thead><tr><th>County</th><th>Month</th><th>Median</th><th>90th percentile</th>"
        f"</tr></thead><tbody>{waits}</tbody></table>"
        f"<p><img alt=\"Totals by category\" src=\"data:image/png;base64,{chart}\"></p></body></html>")


def render_report_page(session: Session, start: dt.date, end: dt.date) -> str:
    """The page the console serves to the program role."""
    return render_report(county_report(session, start, end))


def summary(report: Report) -> list[str]:
    """Plain lines for the command line: each section's printed grand total."""
    lines = [f"County report {report.months[0]} to {report.months[-1]}:"]
    for table in report.tables:
        lines.append(f"  {table.title}: {table.cells[-1][-1]} in {len(table.rows)} county-month row(s)")
    shown = sum(1 for w in report.waits if w.median_minutes != "n<11")
    lines.append(f"  Handoff waits: {len(report.waits)} county-month row(s), {shown} with enough waits to show")
    return lines
