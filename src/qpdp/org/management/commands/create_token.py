"""qpdp create-token USERNAME: issue an API token; the token is the last line printed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qpdp.org.models import User
from qpdp.org.services import issue_api_token


class Command(BaseCommand):
    help = "Cấp mã truy cập API cho người dùng (chỉ hiển thị một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--label", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{options['username']}”.")
        token = issue_api_token(actor=None, user=user, label=options["label"])
        self.stdout.write(f"Mã truy cập API của {user.username} (lưu lại, sẽ không hiện lại):")
        self.stdout.write(token)
