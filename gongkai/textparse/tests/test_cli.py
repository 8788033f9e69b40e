import json
import subprocess
import sys

from openpyxl import load_workbook

from gongkai.textparse import parse_file
from gongkai.textparse.cli import main
from gongkai.textparse.export import LEDGER_COLUMNS, to_markdown

from .conftest import DATA


def test_json_is_one_object_on_stdout_and_warnings_go_to_stderr(capsys):
    assert main([str(DATA / "plan_table.txt"), "--format", "json"]) == 0
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert len(data["tasks"]) == 6 and data["tasks"][0]["source"] == {"line": 5}


def test_year_option_overrides_the_document(capsys):
    assert main([str(DATA / "plan_table.txt"), "--year", "2030"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2030 and data["tasks"][5]["deadline"] == "2030-11-30"


def test_xlsx_ledger_has_the_office_columns(tmp_path):
    out = tmp_path / "ledger.xlsx"
    assert main([str(DATA / "plan_table.txt"), "--format", "xlsx", "-o", str(out)]) == 0
    ws = load_workbook(out).active
    assert tuple(c.value for c in ws[2]) == LEDGER_COLUMNS
    assert ws.cell(3, 4).value == "县财政局" and ws.cell(3, 8).value == "2022年9月30日前"


def test_markdown_ledger(tmp_path):
    md = to_markdown(parse_file(DATA / "plan_table.txt"))
    assert md.startswith("# 惠东县2022年政务公开重点任务分工表") and "| 序号 | 工作任务 |" in md
    assert main([str(DATA / "plan_table.txt"), "--format", "md", "-o", str(tmp_path / "l.md")]) == 0


def test_module_entry_point_runs_without_django():
    out = subprocess.run([sys.executable, "-m", "gongkai.textparse.cli", str(DATA / "plan_articles.txt")],
                         capture_output=True, text=True, check=True)
    assert len(json.loads(out.stdout)["tasks"]) == 5  # 第一条, 第二条 一是 and 二是, 第三条, 第四条


def test_usage_errors_exit_2(capsys):
    try:
        main(["--format", "csv", "x.txt"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "Traceback" not in capsys.readouterr().err
