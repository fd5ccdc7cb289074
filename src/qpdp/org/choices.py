"""Choices of org: unit kinds, structures, command kinds, roles (stable English codes, Vietnamese labels)."""

from django.db import models


class UnitKind(models.TextChoices):
    NATION = "nation", "Toàn quốc"
    PROVINCE = "province", "Tỉnh, thành phố"
    DISTRICT = "district", "Huyện, quận, thị xã, thành phố thuộc tỉnh"
    COMMUNE = "commune", "Xã, phường, đặc khu"
    VILLAGE = "village", "Thôn, tổ dân phố"
    AGENCY = "agency", "Cơ quan, tổ chức"


class Structure(models.TextChoices):
    CURRENT = "current", "Chính quyền hai cấp (từ 01/07/2025)"
    LEGACY = "legacy", "Chính quyền ba cấp (đến 30/06/2025)"
    BOTH = "both", "Cả hai giai đoạn"


class CommandKind(models.TextChoices):
    PROVINCIAL = "provincial", "Bộ Chỉ huy quân sự tỉnh"
    REGIONAL = "regional", "Ban Chỉ huy phòng thủ khu vực"
    DISTRICT = "district", "Ban Chỉ huy quân sự huyện"
    COMMUNE = "commune", "Ban Chỉ huy quân sự cấp xã"


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    PROVINCE_OFFICER = "province_officer", "Cán bộ Bộ CHQS tỉnh"
    PROVINCE_LEADER = "province_leader", "Lãnh đạo tỉnh"
    REGION_OFFICER = "region_officer", "Cán bộ Ban CHPTKV"
    COMMUNE_OFFICER = "commune_officer", "Cán bộ Ban CHQS xã"
    COMMUNE_LEADER = "commune_leader", "Chủ tịch UBND xã"
    INSPECTOR = "inspector", "Thanh tra (chỉ xem)"
