from django.urls import path

from . import views

app_name = "liaison_stations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("deputies/<int:pk>/portrait/", views.portrait, name="portrait"),
    path("<int:pk>/roster/", views.roster, name="roster"),
    path("coverage/", views.coverage, name="coverage"),
    path("duty/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("duty/<int:pk>/swap/", views.request_swap, name="request_swap"),
    path("visits/", views.visit_ledger, name="visit_ledger"),
    path("visits/new/", views.register_visit, name="register_visit"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/step/<slug:step>/", views.visit_step, name="visit_step"),
    path("visits/<int:pk>/reply-proof/", views.reply_proof, name="reply_proof"),
    path("visits/<int:pk>/supervision/", views.add_supervision, name="add_supervision"),
    path(
        "visits/<int:pk>/constituents/<int:constituent_pk>/phone/",
        views.reveal_phone,
        name="reveal_phone",
    ),
]
