"""Reads of the directory that other apps use, including unit-scoped permission filters.

Scoping rule: a coordinator (公开办管理员) or leader (领导, read-only) sees everything in its government's subtree; every other
staff member sees its own unit and that unit's sub-units; a superuser sees everything.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import GroupRule, Role, Unit, UnitGroup, UnitKind, User


def scope_root(user: User) -> Unit | None:
    """The unit whose subtree the user may see; None means everything."""
    if not user.is_authenticated:  # the public (and API schema generation) sees no staff scope
        return Unit(path="/-/")
    if user.is_superuser:
        return None
    if user.unit_id is None:
        return Unit(path="/-/")  # matches nothing
    if user.has_role(Role.COORDINATOR, Role.LEADER):  # the leader's oversight is government-wide, read-only
        return user.unit.government or user.unit
    return user.unit


def visible_units(user: User) -> QuerySet[Unit]:
    root = scope_root(user)
    units = Unit.objects.all()
    return units if root is None else units.filter(path__startswith=root.path)


def scope_queryset(queryset: QuerySet, user: User, field: str = "unit") -> QuerySet:
    """Restrict `queryset` to rows whose `field` (a FK to Unit) lies in the user's scope."""
    if not user.is_authenticated:
        return queryset.none()
    root = scope_root(user)
    if root is None:
        return queryset
    return queryset.filter(**{f"{field}__path__startswith": root.path})


def can_see_unit(user: User, unit: Unit | None) -> bool:
    if unit is None or not user.is_authenticated:
        return False
    root = scope_root(user)
    return root is None or unit.path.startswith(root.path)


def subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path)


def governments() -> QuerySet[Unit]:
    return Unit.objects.filter(kind=UnitKind.GOVERNMENT)


def group_members(group: UnitGroup) -> QuerySet[Unit]:
    """The units a group stands for, static or computed from its rule."""
    owner = group.owner
    active = Unit.objects.filter(is_active=True)
    match group.rule:
        case GroupRule.STATIC:
            return group.members.filter(is_active=True)
        case GroupRule.DEPARTMENTS:
            return active.filter(parent=owner, kind=UnitKind.DEPARTMENT)
        case GroupRule.SUBGOVERNMENTS:
            return active.filter(parent=owner, kind=UnitKind.GOVERNMENT)
        case GroupRule.OFFICES:
            return active.filter(parent=owner, kind=UnitKind.OFFICE)
        case GroupRule.ALL_UNITS:
            return active.filter(parent=owner).filter(Q(kind=UnitKind.DEPARTMENT) | Q(kind=UnitKind.OTHER))
    raise ValueError(f"unknown group rule {group.rule}")


def staff_with_role(unit: Unit, role: str) -> QuerySet[User]:
    return User.objects.filter(unit=unit, groups__name=role, is_active=True)
