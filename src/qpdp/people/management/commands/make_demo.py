"""qpdp make-demo --province CODE --scale N: demo population, regional commands and demo users."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from qpdp.core import demo
from qpdp.org.choices import CommandKind, Role, Structure, UnitKind
from qpdp.org.models import Command as MilitaryCommand
from qpdp.org.models import Unit, User
from qpdp.org.services import create_regional_command, create_user
from qpdp.people.demo_data import generate_demo_population
from qpdp.people.models import Citizen

DEMO_PASSWORD = "qpdp-demo-2026"
COMMUNES_PER_REGION = 25


class Command(BaseCommand):
    help = "Sinh dữ liệu mẫu cho một tỉnh (hoặc tất cả: --province all) và các tài khoản mẫu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", default="12", help="mã tỉnh (hai số) hoặc 'all'")
        parser.add_argument("--scale", type=int, default=20000, help="số công dân mẫu mỗi tỉnh")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-users", action="store_true")
        parser.add_argument("--add", action="store_true", help="thêm người ngay cả khi tỉnh đã có dữ liệu")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["province"] == "all":
            provinces = list(Unit.objects.filter(kind=UnitKind.PROVINCE, structure=Structure.CURRENT))
        else:
            provinces = list(
                Unit.objects.filter(
                    code=options["province"].zfill(2), kind=UnitKind.PROVINCE, structure=Structure.CURRENT
                )
            )
        if not provinces:
            raise CommandError(f"Không có tỉnh mã “{options['province']}”. Chạy qpdp load-units trước.")
        for province in provinces:
            if not options["add"] and Citizen.objects.filter(unit_path__startswith=province.path).exists():
                self.stdout.write(f"{province.name}: đã có dữ liệu mẫu (muốn thêm người: --add)")
                continue
            summary = generate_demo_population(
                province=province, citizens=options["scale"], seed=options["seed"]
            )
            self._regions(province)
            self.stdout.write(
                f"{province.name}: communes={summary.communes} villages={summary.villages} "
                f"citizens={summary.citizens}"
            )
            for step in demo.steps():
                self.stdout.write(f"  {step.name}: {step.make(province, options['seed'])}")
        if not options["no_users"]:
            self._users(provinces[0])

    @transaction.atomic
    def _regions(self, province: Unit) -> None:
        if MilitaryCommand.objects.filter(kind=CommandKind.REGIONAL, seat=province).exists():
            return
        communes = list(
            Unit.objects.filter(
                path__startswith=province.path, kind=UnitKind.COMMUNE, structure=Structure.CURRENT
            ).order_by("code")
        )
        for index in range(0, len(communes), COMMUNES_PER_REGION):
            group = communes[index : index + COMMUNES_PER_REGION]
            place = group[0].name.split(" ", 1)[-1]
            create_regional_command(
                actor=None,
                province=province,
                number=index // COMMUNES_PER_REGION + 1,
                place=place,
                communes=group,
            )

    def _users(self, province: Unit) -> None:
        communes = list(
            Unit.objects.filter(
                path__startswith=province.path, kind=UnitKind.COMMUNE, structure=Structure.CURRENT
            ).order_by("code")[:2]
        )
        region = (
            MilitaryCommand.objects.filter(kind=CommandKind.REGIONAL, seat=province).order_by("code").first()
        )
        plans = [
            ("admin", Role.ADMIN, "VN", "Quản trị hệ thống"),
            ("tinh", Role.PROVINCE_OFFICER, province.code, f"Cán bộ Bộ CHQS {province.name}"),
            ("lanhdaotinh", Role.PROVINCE_LEADER, province.code, f"Lãnh đạo {province.name}"),
            ("khuvuc", Role.REGION_OFFICER, region.code if region else "", "Cán bộ Ban CHPTKV 1"),
            ("xa", Role.COMMUNE_OFFICER, communes[0].code, f"Cán bộ Ban CHQS {communes[0].name}"),
            ("xa2", Role.COMMUNE_OFFICER, communes[-1].code, f"Cán bộ Ban CHQS {communes[-1].name}"),
            ("chutichxa", Role.COMMUNE_LEADER, communes[0].code, f"Chủ tịch UBND {communes[0].name}"),
            ("thanhtra", Role.INSPECTOR, province.code, "Thanh tra (chỉ xem)"),
        ]
        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, unit_code, full_name in plans:
            if not unit_code:
                continue
            if not User.objects.filter(username=username).exists():
                create_user(
                    actor=None,
                    username=username,
                    role=role,
                    unit_code=unit_code,
                    password=DEMO_PASSWORD,
                    full_name=full_name,
                )
            self.stdout.write(f"  {username:<12} {Role(role).label} — {full_name}")
