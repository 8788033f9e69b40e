"""Declare the annual report's covering indexes on FoiRequest (Meta.indexes).

reports/0002 used to create them by raw SQL, so Django did not know them and a later SQLite table
rebuild (AlterField and the like) would have dropped them silently. That migration is now a no-op; this
one owns them. A database where reports/0002 already ran keeps its indexes (same names and columns)
and only the migration state learns about them; any other database gets them created here.
"""

from django.db import migrations, models

INDEXES = [
    models.Index(fields=["unit", "concluded_on", "applicant_category", "outcome", "received_on"],
                 name="reports_foi_concluded_cover"),
    models.Index(fields=["unit", "received_on", "applicant_category", "concluded_on"],
                 name="reports_foi_received_cover"),
]


def _existing(schema_editor, model) -> set[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, model._meta.db_table))


def create_missing(apps, schema_editor):
    model = apps.get_model("foi_requests", "FoiRequest")
    existing = _existing(schema_editor, model)
    for index in INDEXES:
        if index.name not in existing:
            schema_editor.add_index(model, index)


def drop_present(apps, schema_editor):
    model = apps.get_model("foi_requests", "FoiRequest")
    existing = _existing(schema_editor, model)
    for index in INDEXES:
        if index.name in existing:
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("foi_requests", "0003_agency_office_head"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="foirequest", index=index) for index in INDEXES],
            database_operations=[migrations.RunPython(create_missing, drop_present)],
        ),
    ]
