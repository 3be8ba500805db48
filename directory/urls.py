from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("", views.force_list, name="force-list"),
    path("<slug:code>/", views.force_detail, name="force-detail"),
]
