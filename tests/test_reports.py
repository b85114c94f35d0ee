"""County reports: counts by county and month, small cells hidden so that no total reveals them."""
from __future__ import annotations

import csv
import datetime as dt
import random
import statistics
from pathlib import Path

import pytest

from bot.aggregates import record
from bot.db import session_scope
from bot.migrate import upgrade
from bot.reports import COMPLEMENT, SMALL, county_report, render_report, render_report_page, suppress, \
    write_csv, write_png
from tests.test_retention import ensure_side_tables, insert


# --- an attacker with the printed table, written independently of bot.reports -----------------

def possible_values(printed: list[str], total: int) -> list[set[int]]:
    """For one line (cells, then its printed total): every value each hidden cell could take.

    The attacker knows "<11" means 1..10 and "*" means at least 11 (complements are never zero)
    and that the cells add up to the total. Exact subset-sum reasoning, no intervals.
    """
    visible = sum(int(v) for v in printed if v not in (SMALL, COMPLEMENT))
    hidden = [i for i, v in enumerate(printed) if v in (SMALL, COMPLEMENT)]
    rest = total - visible
    domains = {i: range(1, 11) if printed[i] == SMALL else range(11, rest + 1) for i in hidden}
    results = []
    for i in hidden:
        reachable = {0}
        for k in hidden:
            if k != i:
                reachable = {s + v for s in reachable for v in domains[k] if s + v <= rest}
        results.append({v for v in domains[i] if rest - v in reachable})
    return results


def lines_of(table: list[list[str]], true: list[list[int]]) -> list[tuple[list[str], int, str]]:
    """Every row and column (margins included) whose total is printed: (cells, total, printed total)."""
    full = [row + [sum(row)] for row in true]
    full.append([sum(col) for col in zip(*full)])
    lines = [(table[i][:-1], full[i][-1], table[i][-1]) for i in range(len(table))]
    for j in range(len(table[0])):
        column = [table[i][j] for i in range(len(table))]
        lines.append((column[:-1], full[-1][j], column[-1]))
    return lines


def assert_protected(true: list[list[int]]) -> list[list[str]]:
    table = suppress(true)
    full = [row + [sum(row)] for row in true]
    full.append([sum(col) for col in zip(*full)])
    for i, row in enumerate(table):
        for j, shown in enumerate(row):
            value = full[i][j]
            if 1 <= value <= 10:
                assert shown == SMALL, (true, table)
            elif shown == COMPLEMENT:
                assert value >= 11, (true, table)  # complements are never zeros or small cells
            else:
                assert shown == str(value), (true, table)
    for cells, total, printed_total in lines_of(table, true):
        if printed_total in (SMALL, COMPLEMENT):
            continue
        for values in possible_values(cells, total):
            assert len(values) >= 2, (true, table, cells, total)
    return table


@pytest.mark.parametrize("true", [
    [[1, 1]], [[10, 10]], [[5, 40]], [[3], [30], [12]], [[0, 7, 0]], [[12, 1, 0], [40, 0, 3]],
    [[1, 2, 3], [4, 5, 6]], [[50, 60], [70, 2]], [[11, 11], [11, 11]], [[0]],
])
def test_no_hidden_value_can_be_recovered_by_subtraction(true: list[list[int]]) -> None:
    assert_protected(true)


def test_suppression_on_random_tables() -> None:
    rng = random.Random(20261125)
    choices = [0, 0, 0, *range(1, 11), *range(11, 45)]
    for _ in range(300):
        rows, cols = rng.randint(1, 4), rng.randint(1, 4)
        assert_protected([[rng.choice(choices) for _ in range(cols)] for _ in range(rows)])


def test_large_counts_are_printed_unchanged() -> None:
    assert suppress([[20, 30], [40, 0]]) == [["20", "30", "50"], ["40", "0", "40"], ["60", "30", "90"]]


# --- the report from the database ------------------------------------------------------------

@pytest.fixture
def db(harbor_env: Path) -> Path:
    upgrade()
    ensure_side_tables()
    return harbor_env


def fill(session) -> list[float]:  # type: ignore[no-untyped-def]
    march, april = dt.datetime(2026, 3, 10), dt.datetime(2026, 4, 2)
    for _ in range(25):
        record(session, "conversation", "sms", "Dane", when=march)
    for _ in range(3):
        record(session, "conversation", "telegram", "Dane", when=march)
    for _ in range(14):
        record(session, "conversation", "sms", "Milwaukee", when=april)
    for _ in range(12):
        record(session, "need", "shelter", "Dane", when=march)
    record(session, "crisis", "danger_now", "Milwaukee", when=april)
    record(session, "conversation", "sms", "Brown", when=dt.datetime(2026, 6, 1))  # outside the range
    waits = [30.0 * k for k in range(1, 13)]
    for seconds in waits:
        record(session, "handoff_wait", "urgent", "Dane", when=march, value=seconds)
    record(session, "handoff_wait", "urgent", "Milwaukee", when=april, value=600)
    for _ in range(11):
        insert(session, "screening_record", instrument="qyit", day=dt.date(2026, 3, 5), county="Dane",
               band="positive", positive_domains="")
    for _ in range(13):
        insert(session, "screening_record", instrument="qyit", day=dt.date(2026, 4, 5), county="Dane",
               band="negative", positive_domains="")
    return waits


def test_county_report_counts_suppresses_and_summarises_waits(db: Path) -> None:
    with session_scope() as session:
        waits = fill(session)
    with session_scope() as session:
        report = county_report(session, dt.date(2026, 3, 1), dt.date(2026, 4, 30))
    assert report.months == ["2026-03", "2026-04"]
    tables = {t.key: t for t in report.tables}
    conversations = tables["conversations"]
    assert conversations.rows == [("Dane County", "2026-03"), ("Milwaukee County", "2026-04")]
    assert conversations.columns == ["sms", "telegram"]
    assert conversations.cells[0][1] == SMALL  # 3 telegram conversations
    assert COMPLEMENT in (conversations.cells[0][0], conversations.cells[0][2])  # else 28 - 25 = 3
    assert conversations.cells[1][:2] == ["14", "0"]
    assert "Brown County" not in {county for county, _ in conversations.rows}
    assert tables["needs"].cells[0] == ["12", "12"]
    assert tables["crisis"].cells[0] == [SMALL, SMALL]
    screenings = tables["screenings"]
    assert ("Dane County", "2026-03") in screenings.rows and "qyit: positive" in screenings.columns
    row = screenings.rows.index(("Dane County", "2026-03"))
    assert screenings.cells[row][screenings.columns.index("qyit: positive")] == "11"
    assert screenings.cells[-1][-1] == "24"
    dane, milwaukee = report.waits
    assert (dane.county, dane.month) == ("Dane County", "2026-03")
    assert float(dane.median_minutes) == pytest.approx(statistics.median(waits) / 60, abs=0.05)
    p90 = statistics.quantiles(waits, n=10, method="inclusive")[8] / 60
    assert float(dane.p90_minutes) == pytest.approx(p90, abs=0.05)
    assert milwaukee.median_minutes == "n<11"  # one wait: never shown


def test_outputs_csv_png_and_page(db: Path, tmp_path: Path) -> None:
    with session_scope() as session:
        fill(session)
    with session_scope() as session:
        report = county_report(session, dt.date(2026, 3, 1), dt.date(2026, 4, 30))
        page = render_report_page(session, dt.date(2026, 3, 1), dt.date(2026, 4, 30))
    rows = list(csv.DictReader(write_csv(report, tmp_path / "r.csv").open()))
    assert rows[0].keys() == {"section", "county", "month", "measure", "value"}
    values = {(r["section"], r["county"], r["month"], r["measure"]): r["value"] for r in rows}
    assert values[("conversations", "Milwaukee County", "2026-04", "sms")] == "14"
    assert values[("needs", "All", "All", "Total")] == "12"
    assert all(not v.isdigit() or int(v) == 0 or int(v) >= 11 for (s, *_), v in values.items()
               if s != "handoff_wait_minutes")
    png = write_png(report, tmp_path / "r.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    assert "<script" not in page.lower() and "data:image/png;base64," in page
    assert "Milwaukee County" in page and ">14<" in page and "&lt;11" in page


def test_page_escapes_every_label(db: Path) -> None:
    with session_scope() as session:
        report = county_report(session, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    report.tables[0].columns = ["<img src=x onerror=alert(1)>"]
    report.tables[0].rows = [("<b>county</b>", "2026-03")]
    report.tables[0].cells = [["12", "12"], ["12", "12"]]
    page = render_report(report)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;county&lt;/b&gt;" in page


def test_cli_report(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    with session_scope() as session:
        fill(session)
    out = tmp_path / "out"
    assert main(["report", "--from", "2026-03-01", "--to", "2026-04-30", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Conversations" in printed and (out / "report.csv").exists() and (out / "report.png").exists()
    assert main(["report", "--from", "2026-04-30", "--to", "2026-03-01", "--out", str(out)]) == 2
    assert "before" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--from", "March", "--to", "2026-03-01", "--out", str(out)])
    assert exit_info.value.code == 2 and "is not a date" in capsys.readouterr().err
