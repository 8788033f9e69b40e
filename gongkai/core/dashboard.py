"""The staff workspace home: panels contributed by each module, chosen by the user's roles.

Each app may define `gongkai.<app>.dashboard.panels(user) -> list[Panel]`; the modules are listed
here explicitly so that the order of the workspace is decided in one place.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

PANEL_MODULES = [
    "gongkai.workplan.dashboard",
    "gongkai.foi_requests.dashboard",
    "gongkai.disclosure.dashboard",
    "gongkai.policies.dashboard",
    "gongkai.reports.dashboard",
    "gongkai.core.dashboard_calendar",
]


@dataclass
class Panel:
    title: str
    rows: list[tuple[str, str, str]] = field(default_factory=list)  # (label, value, link)
    link: str = ""
    link_label: str = "查看全部"
    tone: str = ""  # "", "warn", "danger"


def panels_for(user) -> list[Panel]:
    result: list[Panel] = []
    for name in PANEL_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # that module contributes no panel yet
            raise
        result.extend(module.panels(user))
    return result
