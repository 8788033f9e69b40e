"""The FOI case table's indexes: the annual report's covering indexes are Django's to keep."""

import copy

from django.db import connection

from gongkai.foi_requests.models import FoiRequest

# reports.statistics reads table 三 from these alone (names as reports/migrations/0002 created them).
COVERING = {
    "reports_foi_concluded_cover": ["unit_id", "concluded_on", "applicant_category", "outcome", "received_on"],
    "reports_foi_received_cover": ["unit_id", "received_on", "applicant_category", "concluded_on"],
}


def _indexes_in_database() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, FoiRequest._meta.db_table)
    return {name: c["columns"] for name, c in constraints.items() if c["index"]}


def test_the_covering_indexes_are_declared_on_the_model_and_present(db):
    declared = {i.name: [FoiRequest._meta.get_field(f).column for f in i.fields] for i in FoiRequest._meta.indexes}
    present = _indexes_in_database()
    for name, columns in COVERING.items():
        assert declared.get(name) == columns, name
        assert present.get(name) == columns, name


def test_a_table_rebuild_keeps_the_covering_indexes(transactional_db):
    # On SQLite, altering a column rebuilds the table and recreates only the indexes Django knows.
    field = FoiRequest._meta.get_field("legal_representative")
    wider = copy.copy(field)
    wider.max_length = field.max_length + 1
    with connection.schema_editor() as editor:
        editor.alter_field(FoiRequest, field, wider)
    try:
        present = _indexes_in_database()
        assert {name: present.get(name) for name in COVERING} == COVERING
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(FoiRequest, wider, field)
