"""Operator screens for org: units, commands, users (read-only, scoped)."""

from django.contrib import admin

from qpdp.core.models import AuditEntry
from qpdp.org.admin_scope import ScopedReadOnlyAdmin
from qpdp.org.models import Command, Unit

admin.site.site_header = "QPĐP — quản trị"
admin.site.site_title = "QPĐP"


@admin.register(Unit)
class UnitAdmin(ScopedReadOnlyAdmin):
    list_display = ["code", "name", "kind", "structure", "valid_from", "valid_to"]
    list_filter = ["kind", "structure"]
    search_fields = ["code", "search_name"]


@admin.register(Command)
class CommandAdmin(ScopedReadOnlyAdmin):
    list_display = ["code", "name", "kind", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ScopedReadOnlyAdmin):
    list_display = ["at", "actor_name", "channel", "action", "object_label"]
    list_filter = ["action", "channel"]
