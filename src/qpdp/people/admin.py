"""Operator screen for the citizen register (read-only, scoped; the benchmark compares its list with ours)."""

from django.contrib import admin

from qpdp.org.admin_scope import ScopedReadOnlyAdmin
from qpdp.people.models import Citizen


@admin.register(Citizen)
class CitizenAdmin(ScopedReadOnlyAdmin):
    list_display = ["full_name", "date_of_birth", "sex", "personal_id", "commune"]
    list_filter = ["sex"]
    search_fields = ["search_name", "personal_id"]
    list_select_related = ["commune"]
