"""Every write to the organisation directory."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from .exceptions import DirectoryError
from .models import GroupRule, Role, Unit, UnitGroup, UnitKind, User


def _compute_path(unit: Unit) -> str:
    parent_path = unit.parent.path if unit.parent_id else "/"
    return f"{parent_path}{unit.pk}/"


def _check_parent(unit: Unit, parent: Unit | None) -> None:
    if parent is None:
        return
    if unit.pk and parent.path.startswith(unit.path) and unit.path != "/":
        raise DirectoryError(f"不能把“{unit.name}”放到它自己的下级单位“{parent.name}”之下")
    if unit.kind == UnitKind.GOVERNMENT and parent.kind not in (UnitKind.GOVERNMENT,):
        raise DirectoryError("人民政府的上级只能是人民政府")
    if unit.kind == UnitKind.DEPARTMENT and parent.kind != UnitKind.GOVERNMENT:
        raise DirectoryError("部门的上级应为人民政府")


@transaction.atomic
def unit_create(
    *,
    name: str,
    kind: str,
    parent: Unit | None = None,
    short_name: str = "",
    aliases: list[str] | None = None,
    level: str = "",
    region_name: str = "",
    credit_code: str = "",
    order: int = 100,
) -> Unit:
    unit = Unit(
        name=name.strip(), kind=kind, parent=parent, short_name=short_name.strip(),
        aliases=[a.strip() for a in aliases or [] if a.strip()], level=level if kind == UnitKind.GOVERNMENT else "",
        region_name=region_name.strip(), credit_code=credit_code.strip().upper(), order=order,
    )
    _check_parent(unit, parent)
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = _compute_path(unit)
    unit.save(update_fields=["path"])
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, **changes) -> Unit:
    """Change a unit's fields; moving it to another parent rewrites its subtree's paths."""
    old_path = unit.path
    for field_name, value in changes.items():
        setattr(unit, field_name, value)
    if unit.kind != UnitKind.GOVERNMENT:
        unit.level = ""
    _check_parent(unit, unit.parent)
    unit.full_clean(exclude=["path"])
    unit.path = _compute_path(unit)
    unit.save()
    if unit.path != old_path:
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).order_by("path"):
            child.path = unit.path + child.path[len(old_path):]
            child.save(update_fields=["path"])
    return unit


@transaction.atomic
def group_create(
    *, name: str, owner: Unit, rule: str = GroupRule.STATIC, members: list[Unit] | None = None,
    aliases: list[str] | None = None, order: int = 100,
) -> UnitGroup:
    if rule != GroupRule.STATIC and members:
        raise DirectoryError("按规则计算成员的单位组不能再指定固定成员")
    group = UnitGroup(name=name.strip(), owner=owner, rule=rule, aliases=aliases or [], order=order)
    group.full_clean()
    group.save()
    if members:
        group.members.set(members)
    return group


def ensure_role_groups() -> None:
    for role in Role.values:
        Group.objects.get_or_create(name=role)


@transaction.atomic
def user_create(
    *, username: str, password: str | None, unit: Unit | None, roles: list[str], full_name: str = "",
    email: str = "", phone: str = "", title: str = "",
) -> User:
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise DirectoryError(f"未知角色：{'、'.join(sorted(unknown))}")
    user = User(username=username, unit=unit, full_name=full_name, email=email, phone=phone, title=title)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.is_staff = Role.COORDINATOR in roles  # only coordinators reach the Django admin
    user.save()
    user_set_roles(user=user, roles=roles)
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: list[str]) -> User:
    ensure_role_groups()
    user.groups.set(Group.objects.filter(name__in=roles))
    user.is_staff = Role.COORDINATOR in roles or user.is_superuser
    user.save(update_fields=["is_staff"])
    user._roles_cache = None
    return user
