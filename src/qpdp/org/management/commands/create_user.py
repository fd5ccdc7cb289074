"""qpdp create-user USERNAME --role ROLE [--unit CODE] [--password P]: a user with one role at a unit."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qpdp.core.errors import DomainError
from qpdp.org.choices import Role
from qpdp.org.services import create_user


class Command(BaseCommand):
    help = "Tạo người dùng với một vai trò gắn với một đơn vị."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--unit", default=None, help="mã đơn vị (tỉnh, xã) hoặc mã Ban CHPTKV")
        parser.add_argument("--password", default=None)
        parser.add_argument("--full-name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user, password = create_user(
                actor=None,
                username=options["username"],
                role=options["role"],
                unit_code=options["unit"],
                password=options["password"],
                full_name=options["full_name"],
            )
        except DomainError as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(f"created user={user.username} role={options['role']}")
        if not options["password"]:
            self.stdout.write(f"password={password}")
