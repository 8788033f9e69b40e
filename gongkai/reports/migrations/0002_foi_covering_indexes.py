"""Formerly: the covering indexes of table 三 on the FOI cases, created by raw SQL.

They are now declared on `FoiRequest.Meta.indexes` and owned by foi_requests/0004, which keeps them
where this migration already created them (same names and columns) and creates them everywhere else.
Kept, doing nothing, so that the migration history of existing databases stays valid.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("foi_requests", "0001_initial"),
    ]

    operations = []
