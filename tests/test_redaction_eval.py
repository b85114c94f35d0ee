"""The redaction scorer, checked with tiny fake redactors (never the real one), and the shipped
held-out set's size and coverage."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NamedTuple

import pytest

from evaluation.redaction import KINDS, EvalDataError, Entry, GoldSpan, load_set, main, score

SHIPPED = Path(__file__).parent / "privacy" / "redaction_eval.yml"

TINY = """\
source: written for this test
version: 1
messages:
  - text: "call me at 608-555-0199, my name is Jessica"
    spans: [{kind: phone, text: "608-555-0199"}, {kind: name, text: "Jessica"}]
  - text: "my email is jess@example.com, i live in madison"
    spans: [{kind: email, text: "jess@example.com"}]
    keep: ["madison"]
  - text: "text 414 555 0123 or 414 555 0123 again"
    spans: [{kind: phone, text: "414 555 0123", occurrence: 0}, {kind: phone, text: "414 555 0123", occurrence: 1}]
  - text: "im in milwaukee 53204 and scared"
    spans: []
    keep: ["milwaukee", "53204"]
"""


class Span(NamedTuple):
    start: int
    end: int
    kind: str


@dataclass
class Out:
    text: str
    spans: tuple


def _masked(text: str, spans: list[Span]) -> Out:
    chars = list(text)
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        chars[span.start:span.end] = f"[{span.kind.upper()}]"
    return Out("".join(chars), tuple(spans))


def oracle(entries: list[Entry], drop: Callable[[str], bool] = lambda kind: False) -> Callable[[str], Out]:
    """A redactor that knows the answers; `drop` says which gold kinds it pretends to miss."""
    gold = {e.text: [Span(s.start, s.end, s.kind) for s in e.spans if not drop(s.kind)] for e in entries}
    return lambda text: _masked(text, gold.get(text, []))


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yml"
    path.write_text(TINY)
    return path


def test_perfect_redactor_scores_one(tiny: Path) -> None:
    _, entries = load_set(tiny)
    report = score(entries, oracle(entries))
    for kind in ("phone", "email", "name"):
        assert report["kinds"][kind]["recall"] == 1.0
        assert report["kinds"][kind]["precision"] == 1.0
        assert report["kinds"][kind]["f2"] == pytest.approx(1.0)
    assert report["kinds"]["phone"]["gold"] == 3
    assert report["over_redaction"] == {"spans": 0, "messages": 0, "rate": 0.0}
    assert report["places_kept"] == {"kept": 3, "total": 3, "rate": 1.0}
    assert report["misses"] == [] and report["false_positives"] == []
    assert 0 <= report["latency_ms"]["mean"] and 0 <= report["latency_ms"]["p95"]


def test_missing_every_phone_gives_zero_phone_recall(tiny: Path) -> None:
    _, entries = load_set(tiny)
    report = score(entries, oracle(entries, drop=lambda kind: kind == "phone"))
    assert report["kinds"]["phone"]["recall"] == 0.0
    assert report["kinds"]["phone"]["f2"] == 0.0
    assert report["kinds"]["email"]["recall"] == 1.0
    assert {m["text"] for m in report["misses"]} == {"608-555-0199", "414 555 0123"}


def test_partial_coverage_does_not_count_but_split_on_spaces_does() -> None:
    text = "call 608-555-0199 or 414 555 0123"
    entries = [Entry(0, text, (GoldSpan("phone", 5, 17, "608-555-0199"), GoldSpan("phone", 21, 33, "414 555 0123")), ())]
    partial = [Span(5, 12, "phone"), Span(21, 24, "phone"), Span(25, 28, "phone"), Span(29, 33, "phone")]
    report = score(entries, lambda t: _masked(t, partial))
    assert report["kinds"]["phone"]["recalled"] == 1  # only the space-split one is fully hidden
    assert report["misses"][0]["text"] == "608-555-0199"
    assert report["kinds"]["phone"]["precision"] == 1.0  # every predicted piece overlaps a gold span


def test_any_kind_hides_and_precision_is_per_predicted_kind(tiny: Path) -> None:
    _, entries = load_set(tiny)

    def mislabelled(text: str) -> Out:
        spans = [Span(s.start, s.end, "address") for e in entries if e.text == text for s in e.spans]
        if text.startswith("im in milwaukee"):
            spans.append(Span(6, 15, "name"))  # over-redacts the city
        return _masked(text, spans)

    report = score(entries, mislabelled)
    assert report["kinds"]["phone"]["recall"] == 1.0  # hidden, even if called an address
    assert report["kinds"]["address"]["precision"] == 1.0
    assert report["kinds"]["name"]["predicted"] == 1 and report["kinds"]["name"]["precision"] == 0.0
    assert report["over_redaction"]["messages"] == 1 and report["over_redaction"]["rate"] == 1.0
    assert report["places_kept"]["kept"] == 2 and report["places_dropped"][0]["place"] == "milwaukee"


def test_spans_as_plain_triples_and_out_of_range_offsets_are_clipped() -> None:
    entries = [Entry(0, "my name is Kayla", (GoldSpan("name", 11, 16, "Kayla"),), ())]
    report = score(entries, lambda t: Out(t, ((11, 99, "name"),)))
    assert report["kinds"]["name"]["recall"] == 1.0


def test_main_prints_table_writes_json_and_enforces_targets(tiny: Path, tmp_path: Path, capsys) -> None:
    _, entries = load_set(tiny)
    out = tmp_path / "res" / "redaction.json"
    assert main(str(tiny), str(out), enforce=False, redactor=oracle(entries, drop=lambda k: k == "name")) == 0
    printed = capsys.readouterr().out
    assert re.search(r"name\s+\|\s+1 \|\s+0\.000", printed)
    assert re.search(r"phone\s+\|\s+3 \|\s+1\.000 \|\s+1\.000 \|\s+1\.000", printed)
    saved = json.loads(out.read_text())
    assert saved["kinds"]["name"]["recall"] == 0.0
    assert any("name recall" in line for line in saved["targets_missed"])

    assert main(str(tiny), str(out), enforce=True, redactor=oracle(entries, drop=lambda k: k == "name")) == 1
    assert "name recall 0.000 is below the target 0.90" in capsys.readouterr().out
    # the tiny set has no address at all: a target with nothing to measure is reported as missed
    assert main(str(tiny), str(out), enforce=True, redactor=oracle(entries)) == 1
    assert "address recall" in capsys.readouterr().out


def test_enforce_passes_when_every_target_is_met(tiny: Path, tmp_path: Path) -> None:
    text = tiny.read_text() + '  - text: "i live at 12 elm st"\n    spans: [{kind: address, text: "12 elm st"}]\n'
    tiny.write_text(text)
    _, entries = load_set(tiny)
    assert main(str(tiny), str(tmp_path / "r.json"), enforce=True, redactor=oracle(entries)) == 0


@pytest.mark.parametrize(("entry", "reason"), [
    ('- text: "call 608-555-0199"\n    spans: [{kind: phone, text: "608-555-0198"}]', "does not occur in the message"),
    ('- text: "call 608-555-0199"\n    spans: [{kind: fax, text: "608-555-0199"}]', "unknown kind 'fax'"),
    ('- text: "ann and ann"\n    spans: [{kind: name, text: "ann"}]', "occurs 2 times"),
    ('- text: "ann and ann"\n    spans: [{kind: name, text: "ann", occurrence: 2}]', "occurrence 2"),
    ('- text: "hi"\n    span: []', "unknown key(s) ['span']"),
    ('- text: ""\n    spans: []', "text is missing or empty"),
    ('- text: "im in kenosha"\n    spans: []\n    keep: ["racine"]', "keep string 'racine' does not occur"),
    ('- text: "call 608-555-0199"\n    spans: {kind: phone, text: "608-555-0199"}', "spans must be a list"),
])
def test_malformed_entries_name_file_index_and_reason(tmp_path: Path, entry: str, reason: str, capsys) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(TINY + "  " + entry + "\n")
    with pytest.raises(EvalDataError) as caught:
        load_set(path)
    assert caught.value.index == 4
    assert str(path) in str(caught.value) and "entry 4" in str(caught.value)
    assert reason in str(caught.value)
    assert main(str(path), str(tmp_path / "r.json"), redactor=lambda t: Out(t, ())) == 2
    assert reason in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()


def test_file_level_errors_are_plain(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match="file not found"):
        load_set(tmp_path / "missing.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("messages: [\n")
    with pytest.raises(EvalDataError, match="not valid YAML"):
        load_set(bad)
    bad.write_text("version: 1\nmessages: []\n")
    with pytest.raises(EvalDataError, match="needs source"):
        load_set(bad)
    bad.write_text(TINY + '  - text: "im scared"\n    spans: []\n  - text: "im scared"\n    spans: []\n')
    with pytest.raises(EvalDataError, match=r"entry 5 \(counting from 0\): duplicate of entry 4"):
        load_set(bad)


# ------------------------------------------------------------------ the shipped held-out set

@pytest.fixture(scope="module")
def shipped() -> tuple[dict, list[Entry]]:
    return load_set(SHIPPED)


def test_shipped_set_meets_the_minimum_counts(shipped) -> None:
    header, entries = shipped
    assert "synthetic" in header["source"] and "2026-11-25" in header["source"] and header["version"]
    assert len(entries) >= 240
    with_kind = {k: sum(any(s.kind == k for s in e.spans) for e in entries) for k in KINDS}
    minimum = {"phone": 50, "email": 35, "address": 35, "name": 35, "handle": 15, "url": 15, "dob": 15}
    for kind, least in minimum.items():
        assert with_kind[kind] >= least, f"{kind}: {with_kind[kind]} messages, need {least}"
    negatives = [e for e in entries if e.negative]
    assert len(negatives) >= 60
    negative_text = " ".join(e.text for e in negatives)
    for hotline in ("911", "988", "211", "233733", "741741", "898211"):
        assert hotline in negative_text
    assert sum(bool(e.keep) for e in negatives) >= 20


def test_shipped_set_uses_only_synthetic_identifiers(shipped) -> None:
    _, entries = shipped
    for entry in entries:
        for span in entry.spans:
            if span.kind == "phone":
                assert re.search(r"55501\d\d$", re.sub(r"\D", "", span.text)), span.text
            if span.kind == "email" and "@" in span.text:
                domain = re.sub(r"\s", "", span.text.rsplit("@", 1)[1].lower())
                assert "example" in domain or domain in {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com"}


def test_shipped_set_scored_with_an_oracle_is_perfect(shipped, tmp_path: Path) -> None:
    _, entries = shipped
    report = score(entries, oracle(entries))
    for kind in KINDS:
        assert report["kinds"][kind]["recall"] == 1.0, kind
    assert report["over_redaction"]["spans"] == 0
    assert report["places_kept"]["rate"] == 1.0
