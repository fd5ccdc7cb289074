"""App configuration of conscription."""

from django.apps import AppConfig


class ConscriptionConfig(AppConfig):
    name = "qpdp.conscription"
    label = "conscription"
    verbose_name = "Nghĩa vụ quân sự"

    def ready(self) -> None:
        from qpdp.conscription import indicators

        indicators.register_all()
