"""PostgreSQL: trigram index for diacritic-free name search (`search_name LIKE '%…%'`) on millions of rows."""

from django.db import migrations

from qpdp.core.migration_operations import VendorSQL


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        VendorSQL(
            "postgresql",
            [
                "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
                "CREATE INDEX citizen_search_trgm_idx ON people_citizen USING gin (search_name gin_trgm_ops);",
            ],
            ["DROP INDEX IF EXISTS citizen_search_trgm_idx;"],
        ),
    ]
