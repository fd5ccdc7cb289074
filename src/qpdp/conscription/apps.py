"""App configuration of conscription."""

from django.apps import AppConfig


class ConscriptionConfig(AppConfig):
    name = "qpdp.conscription"
    label = "conscription"
    verbose_name = "Nghĩa vụ quân sự"

    def ready(self) -> None:
        from qpdp.conscription import demo_data, home_cards, imports, indicators, tasks
        from qpdp.core import dashboard, demo, jobs

        indicators.register_all()
        home_cards.register_all(dashboard)
        for kind in imports.IMPORTERS:
            jobs.register(kind, imports.run_import_job)
        tasks.register()
        demo.register(demo.DemoStep("nghĩa vụ quân sự", demo_data.make_demo_step, order=20))
