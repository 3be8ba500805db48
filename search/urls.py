from django.urls import path, re_path

from search import register_views, views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    re_path(r"^search/export\.(?P<kind>csv|xlsx)$", views.search_export, name="search-export"),
    path("search/save/", views.save_search_page, name="search-save"),
    path("search/saved/", views.saved_list, name="saved-list"),
    path("search/saved/<int:pk>/", views.saved_change, name="saved-change"),
    path("published/search/", views.public_search_page, name="public-search"),
    path("register/", register_views.register_list, name="register"),
    path("register/<int:pk>/", register_views.register_item, name="register-item"),
    path("register/proposals/", register_views.proposal_list, name="proposal-list"),
    path("register/proposals/<int:pk>/", register_views.proposal_decide, name="proposal-decide"),
]
