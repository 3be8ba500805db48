from django.urls import path

from responses import views

app_name = "responses"
urlpatterns = [
    path("deadlines/", views.deadlines_page, name="deadlines"),
    path("obligations/<int:pk>/", views.obligation_detail, name="obligation-detail"),
]
