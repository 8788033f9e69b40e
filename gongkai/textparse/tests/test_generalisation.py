"""Golden cases beyond the seeds: other provinces, levels, years and layouts.

Each ``data/generalisation/NAME.{txt,docx,html}`` has a hand-written ``NAME.gold.json`` in the
schema of ``shared/plans/SCHEMA.md``. The parser must reproduce every task's number, section,
text, units by role, deadline and recurrence, and the plan's title, issuer, 文号 and year.
The same files are scored with ``shared/tools/score_plans.py --text-dir``.
"""

import json

import pytest

from gongkai.textparse import parse_file

from .conftest import DATA
from .test_golden import comparable, norm

GEN = DATA / "generalisation"
GOLDS = sorted(p.name[: -len(".gold.json")] for p in GEN.glob("*.gold.json"))
DOCS = [(name, p.suffix[1:]) for name in GOLDS for p in sorted(GEN.glob(f"{name}.*"))
        if not p.name.endswith(".gold.json")]


# Layouts the parser does not read correctly yet (strict: a fixed one must leave this set).
KNOWN_WEAK: set[str] = set()


def _task(t):
    return {**comparable(t), "recurrence": t["recurrence"], "inherited": t["units_inherited"]}


@pytest.mark.parametrize(("name", "ext"), [
    pytest.param(n, e, marks=pytest.mark.xfail(strict=True, reason="known weak layout")) if n in KNOWN_WEAK else (n, e)
    for n, e in DOCS])
def test_plan_parses_to_its_hand_written_gold(name, ext):
    gold = json.loads((GEN / f"{name}.gold.json").read_text(encoding="utf-8"))
    plan = parse_file(GEN / f"{name}.{ext}").to_dict()
    assert [_task(t) for t in plan["tasks"]] == [_task(t) for t in gold["tasks"]]
    for key in ("title", "issuer", "doc_number", "year"):
        assert norm(str(plan[key])) == norm(str(gold[key])), key


def test_every_gold_has_a_document():
    assert len(GOLDS) >= 8
    assert {n for n, _ in DOCS} == set(GOLDS)


def _paragraph_copies(text: str) -> dict[str, bytes]:
    """The same plan as GB18030 text, as docx paragraphs and as an HTML page of <p> elements."""
    import io

    import docx

    lines = [ln.strip() for ln in text.split("\n") if ln.strip() and not ln.startswith("#source:")]
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    html = "<html><body>" + "".join(f"<p>{ln}</p>" for ln in lines) + "</body></html>"
    return {"txt": text.encode("gb18030"), "docx": buf.getvalue(), "html": html.encode("utf-8")}


PARAGRAPH_PLANS = [name for name, ext in DOCS if ext == "txt" and "\t" not in (GEN / f"{name}.txt").read_text("utf-8")]


@pytest.mark.parametrize("name", PARAGRAPH_PLANS)
def test_paragraph_plans_parse_the_same_from_gbk_docx_and_html(name):
    from gongkai.textparse import parse_bytes

    gold = json.loads((GEN / f"{name}.gold.json").read_text(encoding="utf-8"))
    for ext, data in _paragraph_copies((GEN / f"{name}.txt").read_text(encoding="utf-8")).items():
        plan = parse_bytes(data, filename=f"{name}.{ext}").to_dict()
        assert [_task(t) for t in plan["tasks"]] == [_task(t) for t in gold["tasks"]], ext
