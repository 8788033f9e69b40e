"""Covering indexes on the FOI cases for table 三 (bench/report_bench.py: ≤ 1 s over 1,000,000 cases).

They live here, not in foi_requests, because only the annual report reads cases this way. Each table 三
query is one range of one of them and never reads the table itself.
"""

from django.db import migrations

INDEXES = {
    "reports_foi_concluded_cover": "unit_id, concluded_on, applicant_category, outcome, received_on",
    "reports_foi_received_cover": "unit_id, received_on, applicant_category, concluded_on",
}


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("foi_requests", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON foi_requests_foirequest ({columns})",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
