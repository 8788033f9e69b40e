"""`gongkai plan parse FILE [--format json|xlsx|md] [--year YEAR] [-o OUT] [--resolve]`.

``main(argv)`` gets the words after ``plan parse``. Exit codes: 0 parsed, 2 bad input or
usage (one line on stderr, never a traceback). JSON goes to stdout, warnings to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

from .model import PlanParseError


class _ArgParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like PlanParseError
        sys.stderr.write(f"gongkai plan parse: {message}\n")
        raise SystemExit(2)


def _build_parser() -> argparse.ArgumentParser:
    p = _ArgParser(prog="gongkai plan parse", description="Parse a 政务公开 work plan into tasks, units and deadlines.")
    p.add_argument("file", help="the plan document (.txt .docx .xlsx .html .pdf; .doc .wps .xls .et via LibreOffice)")
    p.add_argument("--format", choices=("json", "xlsx", "md"), default="json")
    p.add_argument("--year", type=int, help="plan year, when the document does not state it")
    p.add_argument("-o", "--output", help="write here instead of stdout (required for xlsx)")
    p.add_argument("--resolve", action="store_true", help="resolve unit names against the organisations directory")
    return p


def _make_resolver():
    """Lazily set up Django and the lead's resolver; only with --resolve (the core stays Django-free)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.dev")
    try:
        importlib.import_module("django").setup()
        return importlib.import_module("gongkai.organisations.resolver").make_resolver()
    except Exception as exc:  # noqa: BLE001 - report any set-up failure as one line
        raise PlanParseError(f"无法加载单位目录 (cannot load the organisations resolver): {type(exc).__name__}: {exc}")


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        resolver = _make_resolver() if args.resolve else None
        from .api import parse_file

        plan = parse_file(args.file, year=args.year, resolver=resolver)
        for warning in plan.warnings:
            sys.stderr.write(f"warning: {warning}\n")
        if args.format == "xlsx":
            from .export import to_xlsx

            out = args.output or str(Path(args.file).with_suffix(".ledger.xlsx"))
            to_xlsx(plan, out)
            sys.stderr.write(f"wrote {out}\n")
            return 0
        if args.format == "md":
            from .export import to_markdown

            text = to_markdown(plan)
        else:
            text = json.dumps(plan.to_dict(), ensure_ascii=False, indent=1)
        if args.output:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
        return 0
    except PlanParseError as exc:
        sys.stderr.write(f"gongkai plan parse: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"gongkai plan parse: 无法写出结果 (cannot write output): {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
