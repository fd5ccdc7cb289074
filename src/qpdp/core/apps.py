"""App configuration of core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "qpdp.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from qpdp.core.audit_guard import install_sqlite_guard

        connection_created.connect(install_sqlite_guard, dispatch_uid="qpdp-audit-guard")
