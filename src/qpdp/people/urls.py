"""URLs of people pages."""

from django.urls import path

from qpdp.people import views

app_name = "people"

urlpatterns = [
    path("", views.citizen_list, name="citizen-list"),
    path("them/", views.citizen_create, name="citizen-create"),
    path("nhap-tep/", views.citizen_import, name="citizen-import"),
    path("xuat-excel/", views.citizen_export, name="citizen-export"),
    path("<int:citizen_id>/", views.citizen_detail, name="citizen-detail"),
    path("<int:citizen_id>/sua/", views.citizen_edit, name="citizen-edit"),
]
