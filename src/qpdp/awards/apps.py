"""App configuration of awards."""

from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "qpdp.awards"
    label = "awards"
    verbose_name = "Thi đua, khen thưởng"
