from django.urls import path

from partnerships.views import coverage as views_coverage
from partnerships.views import referrals as views_referrals

app_name = "partnerships"
urlpatterns = [
    path("partnerships/", views_coverage.partnership_list, name="partnership-list"),
    path("partnerships/<int:pk>/", views_coverage.partnership_detail, name="partnership-detail"),
    path("partnerships/<int:pk>/edit/", views_coverage.partnership_edit, name="partnership-edit"),
    path("coverage/", views_coverage.coverage_matrix, name="coverage"),
    path("coverage.xlsx", views_coverage.coverage_export, name="coverage-export"),
    path("coverage/add/", views_coverage.inspection_add, name="inspection-add"),
    path("coverage/import/", views_coverage.coverage_import, name="coverage-import"),
    path("coverage/imports/<int:pk>/", views_coverage.import_detail, name="import-detail"),
    path("coverage/areas/<str:code>/", views_coverage.coverage_authority, name="coverage-authority"),
    path("referrals/", views_referrals.referral_list, name="referral-list"),
    path("referrals.xlsx", views_referrals.referrals_export, name="referrals-export"),
    path("referrals/template/", views_referrals.referral_template, name="referral-template"),
    path("referrals/<int:pk>/", views_referrals.referral_detail, name="referral-detail"),
    path("reports/<int:pk>/refer/", views_referrals.refer, name="refer"),
]
