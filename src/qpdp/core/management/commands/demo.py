"""qpdp demo: migrate, load the units, make the demo province and users, then serve on 127.0.0.1."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Dựng hệ thống mẫu: tạo CSDL, nạp đơn vị hành chính, dữ liệu và người dùng mẫu, rồi chạy máy chủ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", default="12", help="mã tỉnh (mặc định 12 — Lai Châu)")
        parser.add_argument("--scale", type=int, default=20000, help="số công dân mẫu")
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="chỉ dựng dữ liệu, không chạy máy chủ")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_units", stdout=self.stdout)
        call_command("make_demo", province=options["province"], scale=options["scale"], stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(
            f"Mở http://{options['bind']}/ và đăng nhập bằng một tài khoản ở trên "
            "(ví dụ: xa / qpdp-demo-2026 thấy một xã; tinh / qpdp-demo-2026 thấy cả tỉnh)."
        )
        if not options["no_serve"]:
            call_command("serve", bind=options["bind"], stdout=self.stdout)
