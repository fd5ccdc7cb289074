"""App configuration of org."""

from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "qpdp.org"
    label = "org"
    verbose_name = "Tổ chức, đơn vị, người dùng"

    def ready(self) -> None:
        from qpdp.core import dashboard
        from qpdp.org import home_cards

        home_cards.register_all(dashboard)
