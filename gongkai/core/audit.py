"""Audit trail helpers on top of django-simple-history, and explicit access logs.

Every domain model declares `history = HistoricalRecords()`; the history middleware records who made
each change. `record_history(obj)` turns a record's history into readable change rows for the
per-record audit page. `AccessLog` (see models) records reads of personal data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.http import Http404


@dataclass
class Change:
    when: object
    who: str
    action: str
    reason: str
    fields: list[tuple[str, str, str]]  # (field label, old, new)


ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}


def history_model_for(app_label: str, model_name: str):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404("没有这种记录")
    if not hasattr(model, "history"):
        raise Http404("这种记录没有修改历史")
    return model


def record_history(model, pk) -> list[Change]:
    entries = list(
        model.history.filter(**{model._meta.pk.attname: pk}).select_related("history_user").order_by("history_date")
    )
    changes: list[Change] = []
    previous = None
    for entry in entries:
        fields = []
        if previous is not None and entry.history_type == "~":
            delta = entry.diff_against(previous)
            for change in delta.changes:
                try:
                    label = str(model._meta.get_field(change.field).verbose_name)
                except Exception:
                    label = change.field
                fields.append((label, _short(change.old), _short(change.new)))
        user = entry.history_user
        changes.append(Change(
            when=entry.history_date, who=str(user) if user else "系统", action=ACTIONS.get(entry.history_type, "?"),
            reason=entry.history_change_reason or "", fields=fields,
        ))
        previous = entry
    return list(reversed(changes))


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 200 else text[:200] + "…"


def log_access(*, user, obj, purpose: str = "") -> None:
    """Record that `user` viewed personal data held in `obj`."""
    from .models import AccessLog

    AccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None, app_label=obj._meta.app_label,
        model=obj._meta.model_name, object_id=str(obj.pk), purpose=purpose,
    )
