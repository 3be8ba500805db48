from django.urls import path

from responses import views

app_name = "responses"
urlpatterns = [
    path("deadlines/", views.deadlines_page, name="deadlines"),
    path("obligations/<int:pk>/", views.obligation_detail, name="obligation-detail"),
    path("obligations/<int:pk>/invite/", views.invite, name="obligation-invite"),
    path("obligations/<int:pk>/comments/", views.comments, name="obligation-comments"),
]
