"""Django-free parser of 政务公开 work-plan documents (工作要点 / 分工方案 / 任务清单).

    >>> from gongkai.textparse import parse_file
    >>> plan = parse_file("plan.docx", year=2021)
    >>> plan.tasks[0].units.lead

See docs/parser.md for how it works.
"""

from .api import parse_bytes, parse_file, parse_text
from .model import ParsedPlan, ParsedTask, PlanParseError, UnitRoles

__all__ = ["ParsedPlan", "ParsedTask", "PlanParseError", "UnitRoles", "parse_bytes", "parse_file", "parse_text"]
