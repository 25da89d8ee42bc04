from django.urls import path

from . import views

app_name = "liaison_stations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/roster/", views.roster, name="roster"),
    path("coverage/", views.coverage, name="coverage"),
    path("duty/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("duty/<int:pk>/swap/", views.request_swap, name="request_swap"),
]
