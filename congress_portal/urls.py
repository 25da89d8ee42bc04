from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff_home, name="staff_home"),
    path("unit/", views.unit_home, name="unit_home"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.open_notice, name="open_notice"),
    path("inbox/read-all/", views.read_all_notices, name="read_all_notices"),
    path("exports/", views.sheet_jobs, name="sheet_jobs"),
    path("exports/new/<slug:kind>/", views.new_export, name="new_export"),
    path("imports/<slug:kind>/template/", views.sheet_template, name="sheet_template"),
    path("exports/<int:pk>/", views.sheet_job, name="sheet_job"),
    path("exports/<int:pk>/download/", views.download_sheet, name="download_sheet"),
    path("exports/<int:pk>/confirm/", views.confirm_import, name="confirm_import"),
    path("admin/", admin.site.urls),
    path("deputies/", include("deputies.urls")),
    path("stations/", include("liaison_stations.urls")),
    path("suggestions/", include("suggestions.urls")),
    path("reports/", include("reports.urls")),
]
