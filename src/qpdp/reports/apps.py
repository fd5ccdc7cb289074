"""App configuration of reports."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "qpdp.reports"
    label = "reports"
    verbose_name = "Báo cáo"
