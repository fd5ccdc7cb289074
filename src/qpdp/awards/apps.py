"""App configuration of awards."""

from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "qpdp.awards"
    label = "awards"
    verbose_name = "Thi đua, khen thưởng"

    def ready(self) -> None:
        from qpdp.awards import demo_data, home_cards, imports, indicators
        from qpdp.core import dashboard, demo, jobs

        home_cards.register_all(dashboard)
        indicators.register_all()
        jobs.register(imports.JOB_KIND, imports.run_import_job)
        demo.register(demo.DemoStep("thi đua, khen thưởng", demo_data.make_demo_step, order=80))
