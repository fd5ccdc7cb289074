"""URLs of org pages."""

from django.urls import path

from qpdp.org import views

app_name = "org"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.login, name="login"),
    path("dang-xuat/", views.logout, name="logout"),
    path("don-vi/", views.unit_list, name="unit-list"),
    path("don-vi/chon/", views.unit_pick, name="unit-pick"),
    path("don-vi/tim/", views.unit_picker, name="unit-picker"),
    path("don-vi/<str:code>/", views.unit_detail, name="unit-detail"),
    path("don-vi/<str:code>/them-thon/", views.village_create, name="village-create"),
    path("don-vi/<str:code>/them-co-quan/", views.agency_create, name="agency-create"),
    path("nhat-ky/", views.audit_list, name="audit-list"),
    path("cong-viec/<int:job_id>/", views.job_detail, name="job-detail"),
    path("cong-viec/<int:job_id>/tai-ve/", views.job_download, name="job-download"),
]
