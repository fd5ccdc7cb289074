"""Factories for core: background jobs with a stored result file."""

from __future__ import annotations

import factory

from qpdp.core.models import Job, JobStatus
from tests.factories.org import UserFactory


class JobFactory(factory.django.DjangoModelFactory):
    """A finished import job whose result (the rejects list) can be downloaded by its requester."""

    class Meta:
        model = Job

    kind = "people.import_citizens"
    requested_by = factory.SubFactory(UserFactory)
    unit_path = ""
    status = JobStatus.DONE
    output_file = factory.django.FileField(filename="loi-nhap.csv", data="Dòng,Cột,Lỗi\n".encode())
    result = factory.LazyFunction(lambda: {"problem_count": 0, "applied": True, "problems": []})
