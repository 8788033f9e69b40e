"""Who may do what with an annual report.

- compose (create, recompute, edit, submit): the unit's handler or liaison, or a coordinator (公开办)
  whose scope covers the unit; a government's consolidated report is the 公开办's work;
- review (approve, return): the unit's reviewer, or a coordinator over it;
- publish and withdraw: the unit's liaison or a coordinator over it (withdrawal: coordinators only);
- read: anyone who can see the unit (leaders read everything in their government, never write).
"""

from __future__ import annotations

from gongkai.organisations.models import Role, Unit, UnitKind
from gongkai.organisations.selectors import can_see_unit

from .models import AnnualReport


def _own_or_coordinator(user, unit: Unit, *own_roles: str) -> bool:
    if not user.is_authenticated or not can_see_unit(user, unit):
        return False
    if user.is_superuser or user.has_role(Role.COORDINATOR):
        return True
    if unit.kind == UnitKind.GOVERNMENT:
        return False
    return user.has_role(*own_roles)


def can_read(user, report: AnnualReport) -> bool:
    return user.is_authenticated and can_see_unit(user, report.unit)


def can_compose(user, unit: Unit) -> bool:
    return _own_or_coordinator(user, unit, Role.HANDLER, Role.LIAISON)


def can_review(user, report: AnnualReport) -> bool:
    return _own_or_coordinator(user, report.unit, Role.REVIEWER)


def can_publish(user, report: AnnualReport) -> bool:
    return _own_or_coordinator(user, report.unit, Role.LIAISON)


def can_withdraw(user, report: AnnualReport) -> bool:
    return user.is_authenticated and can_see_unit(user, report.unit) and user.has_role(Role.COORDINATOR)
