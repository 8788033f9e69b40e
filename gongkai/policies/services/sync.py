"""Catch-up when an item is approved outside the policies screens (e.g. in the disclosure review queue)."""

from __future__ import annotations

from django.db import transaction

from gongkai.disclosure.models import InformationItem
from gongkai.organisations.models import User

from ..models import DocumentStatus, Interpretation, InterpretationStatus, PolicyDocument
from .documents import policy_document_publish
from .interpretations import interpretation_publish


@transaction.atomic
def policy_item_published(*, item: InformationItem, by: User | None = None) -> object | None:
    """Call after `item` became public. Publishes the policy document or interpretation it carries (if any, and
    not yet done); returns it, or None. Idempotent. Intended for a disclosure publish hook; also run by
    `gongkai policies sync`."""
    if not item.is_public:
        return None
    document = PolicyDocument.objects.filter(item=item).first()
    if document is not None:
        if document.status in (DocumentStatus.DRAFT, DocumentStatus.REGISTERED):
            return policy_document_publish(document=document, by=by)
        return None
    interpretation = Interpretation.objects.filter(item=item).first()
    if interpretation is not None and interpretation.status == InterpretationStatus.DRAFT:
        return interpretation_publish(interpretation=interpretation, by=by)
    return None


def policy_items_sync(*, by: User | None = None) -> list:
    """Publish every document / interpretation whose item is already public but which is still unpublished."""
    done = []
    for model, statuses in ((PolicyDocument, (DocumentStatus.DRAFT, DocumentStatus.REGISTERED)),
                            (Interpretation, (InterpretationStatus.DRAFT,))):
        for obj in model.objects.filter(status__in=statuses, item__status="published").select_related("item"):
            result = policy_item_published(item=obj.item, by=by)
            if result is not None:
                done.append(result)
    return done
