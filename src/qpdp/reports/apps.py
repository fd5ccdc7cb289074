"""App configuration of reports."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "qpdp.reports"
    label = "reports"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        from qpdp.core import dashboard
        from qpdp.reports import batch, home_cards

        home_cards.register_all(dashboard)
        batch.register()
