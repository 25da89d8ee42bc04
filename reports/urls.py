from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("annual/new/", views.create_report, name="create"),
    path("annual/<int:pk>/generate/", views.generate, name="generate"),
    path("annual/<int:pk>/download/", views.download, name="download"),
    path("archive/<int:pk>/<int:year>/generate/", views.generate_archive, name="generate_archive"),
    path("archive/<int:pk>/<int:year>/download/", views.download_archive, name="download_archive"),
]
