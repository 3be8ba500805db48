from django.urls import path, re_path

from reports.views import intake
from reports.views import reports as views

app_name = "reports"
urlpatterns = [
    path("reports/", views.report_list, name="report-list"),
    path("reports/add/", views.report_add, name="report-add"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("reports/<int:pk>/findings/add/", views.finding_add, name="finding-add"),
    path("reports/upload/", intake.upload, name="report-upload"),
    path("reports/<int:pk>/review/", intake.review, name="report-review"),
    path("reports/<int:pk>/reviewed/", intake.reviewed, name="report-reviewed"),
    path("sources/<int:pk>/", intake.source_file, name="source-file"),
    re_path(
        r"^reports/(?P<pk>\d+)/findings\.(?P<kind>csv|xlsx)$",
        views.report_findings_export,
        name="report-findings-export",
    ),
    path("findings/", views.finding_list, name="finding-list"),
    re_path(r"^findings\.(?P<kind>csv|xlsx)$", views.finding_list_export, name="finding-list-export"),
    path("findings/<int:pk>/accept/", intake.accept, name="finding-accept"),
    path("findings/<int:pk>/merge/", intake.merge, name="finding-merge"),
    path("findings/<int:pk>/split/", intake.split, name="finding-split"),
    path("findings/<int:pk>/edit/", views.finding_edit, name="finding-edit"),
    path("findings/<int:pk>/delete/", views.finding_delete, name="finding-delete"),
]
