"""Bad input gets PlanParseError (one line) from the library and exit 2 from the CLI."""

import os
import subprocess
import sys
import time
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gongkai.textparse import PlanParseError, parse_bytes, parse_file, parse_text
from gongkai.textparse.cli import main
from gongkai.textparse.readers import office, sniff
from gongkai.textparse.readers.office import DEFAULT_TIMEOUT, conversion_timeout, soffice_path

from .conftest import DATA

BAD = ["bad_empty.txt", "bad_binary.bin", "bad_truncated.docx", "bad_corrupt.pdf", "bad_encrypted.docx",
       "bad_archive.zip"]


@pytest.mark.parametrize("name", BAD)
def test_bad_files_raise_the_parser_error_with_one_line(name):
    with pytest.raises(PlanParseError) as info:
        parse_file(DATA / name)
    assert "\n" not in str(info.value) and str(info.value)


@pytest.mark.parametrize("name", BAD)
def test_the_cli_prints_one_line_and_exits_2(name, capsys):
    assert main([str(DATA / name)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_and_directory(tmp_path, capsys):
    assert main([str(tmp_path / "nope.txt")]) == 2
    assert main([str(tmp_path)]) == 2


def test_files_over_20_mb_are_refused(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(PlanParseError, match="20 MB"):
        parse_file(big)
    with pytest.raises(PlanParseError, match="20 MB"):
        parse_bytes(b"a" * (20 * 1024 * 1024 + 1), filename="x.txt")


def test_legacy_office_formats_need_libreoffice(tmp_path):
    doc = tmp_path / "plan.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    if soffice_path() is None:
        if os.environ.get("GONGKAI_REQUIRE_SOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required but not installed")
        with pytest.raises(PlanParseError, match="LibreOffice"):
            parse_file(doc)
    else:
        with pytest.raises(PlanParseError):  # not a real .doc: LibreOffice cannot convert it
            parse_file(doc)


def test_legacy_doc_converts_with_libreoffice(tmp_path):
    exe = soffice_path()
    if exe is None:
        if os.environ.get("GONGKAI_REQUIRE_SOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required but not installed")
        pytest.skip("LibreOffice not installed")
    for src, fmt, count in (("plan_free.docx", "doc", 9), ("plan_table.xlsx", "xls", 6)):
        subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/p", "--convert-to", fmt,
                        "--outdir", str(tmp_path), str(DATA / src)], check=True, capture_output=True, timeout=180)
        plan = parse_file(tmp_path / src.replace(src.rsplit(".", 1)[1], fmt))
        assert len(plan.tasks) == count and plan.tasks[0].units.lead


def _fake_soffice(directory, body: str) -> None:
    """An executable named soffice, found first on PATH, running the shell ``body``."""
    exe = directory / "soffice"
    exe.write_text("#!/bin/sh\n" + body)
    exe.chmod(0o755)


def _gone(pid: int) -> bool:
    """Not running: no such process, or a zombie waiting for its new parent to reap it."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_conversion_past_its_time_limit_is_killed_with_everything_it_started(tmp_path, monkeypatch):
    # Like the real soffice (a script starting oosplash, which starts soffice.bin), the fake
    # leaves the waiting to a child of its own; both must be gone when the error is raised.
    _fake_soffice(tmp_path, f"sleep 300 &\necho $! > {tmp_path}/child.pid\nwait\n")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("GONGKAI_SOFFICE_TIMEOUT", "1")
    started = time.monotonic()
    with pytest.raises(PlanParseError, match="LibreOffice 转换超时（超过 1 秒）"):
        parse_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000, filename="plan.docx")
    assert time.monotonic() - started < 15
    child = int((tmp_path / "child.pid").read_text())
    deadline = time.monotonic() + 5
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)


@pytest.mark.parametrize(("value", "seconds"), [(None, DEFAULT_TIMEOUT), ("20", 20.0), ("2.5", 2.5), ("0", DEFAULT_TIMEOUT),
                                                ("-3", DEFAULT_TIMEOUT), ("soon", DEFAULT_TIMEOUT), ("inf", DEFAULT_TIMEOUT),
                                                ("nan", DEFAULT_TIMEOUT)])
def test_the_conversion_time_limit_comes_from_the_environment_when_it_is_a_positive_number(value, seconds, monkeypatch):
    if value is None:
        monkeypatch.delenv("GONGKAI_SOFFICE_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("GONGKAI_SOFFICE_TIMEOUT", value)
    assert conversion_timeout() == seconds


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_raises_nothing_but_the_parser_error(text):
    try:
        plan = parse_text(text)
    except PlanParseError:
        return
    plan.to_dict()


_PLANLIKE = st.lists(st.sampled_from(["一、", "（一）", "1.", "2、", "（1）", "第一条", "\t", "\n", "牵头", "负责",
                                      "市财政局", "、", "；", "年底前", "6月底前", "2021年", "每月", "（", "）",
                                      "责任单位：", "工作任务", "具体要求", "做好公开。", "〔2021〕1号", "关于印发", "的通知"]),
                     max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(_PLANLIKE)
def test_plan_like_fragments_raise_nothing_but_the_parser_error(text):
    try:
        parse_text(text, year=2021).to_dict()
    except PlanParseError:
        pass


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(["x.txt", "x.docx", "x.xlsx", "x.pdf", "x.html", "x", "x.doc"]))
def test_arbitrary_bytes_raise_nothing_but_the_parser_error(data, filename):
    # Bytes that would go to LibreOffice (x.doc, or the OLE signature under any name: Hypothesis
    # tries the constants it finds in the code) are not tried here, so the examples are the same
    # with LibreOffice installed or not: a conversion starts soffice, seconds at best, and has
    # tests of its own. Should any other input reach it, the test fails at once.
    assume(sniff(data, filename) != "legacy")
    with mock.patch.object(office, "convert_legacy", side_effect=AssertionError("LibreOffice started")):
        try:
            parse_bytes(data, filename=filename).to_dict()
        except PlanParseError:
            pass


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=4000), st.sampled_from(["plan_table.docx", "plan_table.xlsx", "plan_table.pdf"]))
def test_truncated_documents_raise_nothing_but_the_parser_error(cut, name):
    data = (DATA / name).read_bytes()
    try:
        parse_bytes(data[: len(data) * cut // 4000], filename=name)
    except PlanParseError:
        pass


def test_importing_the_parser_loads_no_django_and_no_heavy_libraries():
    code = ("import sys, gongkai.textparse, gongkai.textparse.cli; "
            "bad = [m for m in ('django', 'rest_framework', 'docx', 'openpyxl', 'pdfplumber', 'bs4') if m in sys.modules]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
