"""Invalidate the public page cache (pagecache.py) when structural data the pages show changes: columns and
catalogues of this module (whatever code path saves them), unit names and the unit tree (breadcrumbs,
directories of departments and lower governments; owned by organisations) and published annual reports
(listed on a unit's platform home; owned by reports). Items are invalidated explicitly by the services,
because only a change to a public item matters and drafts are saved far more often."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from .pagecache import platform_changed

WATCHED = [
    ("disclosure", "Column"), ("disclosure", "Catalogue"), ("disclosure", "CatalogueEntry"),
    ("organisations", "Unit"), ("reports", "AnnualReport"),
]


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    platform_changed()


def connect() -> None:
    for app_label, model_name in WATCHED:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:  # a module not installed in this build
            continue
        uid = f"disclosure.pagecache.{app_label}.{model_name}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
