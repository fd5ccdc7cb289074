"""Covering indexes for the set-based pool (selectors.pool_rows, pool_summary).

The pool joins every citizen of a scope to his first registration, his removal if any and this
year's examination. These partial indexes hold exactly the rows and columns it reads, in citizen
order, so PostgreSQL answers from the index alone (index-only scans merged with the citizen table)
instead of visiting millions of table rows: bench/callup_pool.py, 3,000,000 citizens.
"""

from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conscription", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                condition=models.Q(("kind", "first")),
                fields=["citizen", "registered_on"],
                name="registration_first_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                condition=models.Q(("kind", "removal")),
                fields=["citizen", "registered_on"],
                name="registration_removal_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="healthexam",
            index=models.Index(
                condition=models.Q(("present", True), ("stage", "examination")),
                fields=["citizen", "intake_year", "fit"],
                name="exam_pool_idx",
            ),
        ),
    ]
