"""qpdp worker: run queued background jobs (and resume those whose process died) until stopped."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from qpdp.core.jobs import work


class Command(BaseCommand):
    help = "Chạy các công việc nền đang chờ (nhập tệp, lập báo cáo…)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="chạy hết hàng đợi rồi dừng")

    def handle(self, *args: Any, **options: Any) -> None:
        done = work(once=options["once"])
        self.stdout.write(f"jobs run={done}")
