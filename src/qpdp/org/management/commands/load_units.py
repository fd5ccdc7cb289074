"""qpdp load-units: load Vietnam's administrative units, both structures, with successions (unscoped)."""

from typing import Any

from django.core.management.base import BaseCommand

from qpdp.org.services import load_administrative_units


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính (hai cấp từ 01/07/2025 và ba cấp trước đó) cùng quan hệ kế thừa."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = load_administrative_units()
        self.stdout.write(f"created units={summary.created}")
        self.stdout.write(
            f"current provinces={summary.current_provinces} communes={summary.current_communes}"
        )
        self.stdout.write(
            f"historical provinces={summary.historical_provinces} districts={summary.historical_districts} "
            f"communes={summary.historical_communes}"
        )
