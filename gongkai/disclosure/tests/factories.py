"""Helpers that build columns and items through the services, as the application does."""

import datetime as dt

from gongkai.disclosure import services
from gongkai.disclosure.models import FreshnessClass, PlatformSection


def make_column(unit, slug="tzgg", name="通知公告", section=PlatformSection.STATUTORY, article20=None,
                freshness_class=FreshnessClass.NOTICE_POLICY, opened_on=dt.date(2025, 1, 1), **kwargs):
    return services.column_create(unit=unit, name=name, slug=slug, section=section, article20=article20,
                                  freshness_class=freshness_class, opened_on=opened_on, **kwargs)


def publish(column, title, on, *, written_on=None, body="正文内容。", **kwargs):
    """A historical item recorded as published on `on` (through item_import)."""
    return services.item_import(column=column, title=title, published_on=on, by=None, body=body,
                                written_on=written_on, **kwargs)
