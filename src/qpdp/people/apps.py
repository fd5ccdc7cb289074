"""App configuration of people."""

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "qpdp.people"
    label = "people"
    verbose_name = "Đăng ký công dân"

    def ready(self) -> None:
        from qpdp.core import dashboard, jobs
        from qpdp.people import home_cards, imports

        home_cards.register_all(dashboard)
        jobs.register(imports.IMPORT_JOB_KIND, imports.run_import_job)
