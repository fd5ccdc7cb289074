"""App configuration of core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "qpdp.core"
    label = "core"
    verbose_name = "Lõi hệ thống"
