"""qpdp serve: run the web server (gunicorn); jobs run in its threads, static files come from WhiteNoise."""

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Chạy máy chủ web (gunicorn) tại địa chỉ đã chọn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("QPDP_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("QPDP_WORKERS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.wsgiapp import run

        self.stdout.write(f"QPĐP đang chạy tại http://{options['bind']}/ (Ctrl+C để dừng)")
        self.stdout.flush()
        os.environ.setdefault("QPDP_JOB_RUNNER", "thread")
        argv = [
            "gunicorn",
            "qpdp.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--threads",
            "4",
            "--timeout",
            "300",
            "--access-logfile",
            "-",
        ]
        import sys

        sys.argv = argv
        run()
