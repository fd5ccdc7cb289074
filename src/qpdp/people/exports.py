"""The citizen register as an Excel workbook, in the same column layout as the import file."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable

from openpyxl import Workbook

from qpdp.core.spreadsheets import workbook_file
from qpdp.people.choices import Qualification, Sex
from qpdp.people.imports import COLUMNS
from qpdp.people.models import Citizen

_SEX_LABELS = dict(Sex.choices)
_QUALIFICATION_LABELS = dict(Qualification.choices)


def citizen_workbook(citizens: Iterable[Citizen]) -> tempfile.SpooledTemporaryFile[bytes]:
    """Write an .xlsx (streaming, constant memory) and return it rewound for the response."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Công dân")
    sheet.append([column.header for column in COLUMNS])
    for c in citizens:
        sheet.append(
            [
                c.personal_id,
                c.full_name,
                _SEX_LABELS.get(c.sex, c.sex),
                c.date_of_birth.strftime("%d/%m/%Y"),
                c.ethnicity,
                c.commune.code,
                c.village.name if c.village else "",
                c.address,
                c.permanent_commune.code if c.permanent_commune else "",
                c.permanent_village.name if c.permanent_village else "",
                c.permanent_address,
                c.education_level,
                _QUALIFICATION_LABELS.get(c.qualification, "") if c.qualification else "",
                c.occupation,
                c.workplace,
            ]
        )
    return workbook_file(workbook)
