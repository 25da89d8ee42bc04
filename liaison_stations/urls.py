from django.urls import path

from . import public, qr, views

app_name = "liaison_stations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("deputies/<int:pk>/portrait/", views.portrait, name="portrait"),
    # The constituents' pages (public): from a QR code, and tracking.
    path("<int:pk>/write/", public.station_matter, name="station_matter"),
    path("deputies/<int:pk>/write/", public.deputy_matter, name="deputy_matter"),
    path("write/sent/", public.matter_sent, name="matter_sent"),
    path("track/", public.track, name="track"),
    path("track/matter/", public.tracked, name="tracked"),
    path("my-code/", qr.my_code, name="my_code"),
    path("<int:pk>/roster/", views.roster, name="roster"),
    path("coverage/", views.coverage, name="coverage"),
    path("duty/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("duty/<int:pk>/swap/", views.request_swap, name="request_swap"),
    path("visits/", views.visit_ledger, name="visit_ledger"),
    path("visits/new/", views.register_visit, name="register_visit"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/step/<slug:step>/", views.visit_step, name="visit_step"),
    path("visits/<int:pk>/reply-proof/", views.reply_proof, name="reply_proof"),
    path("visits/<int:pk>/photo/", views.visit_photo, name="visit_photo"),
    path("visits/<int:pk>/supervision/", views.add_supervision, name="add_supervision"),
    path(
        "visits/<int:pk>/constituents/<int:constituent_pk>/phone/",
        views.reveal_phone,
        name="reveal_phone",
    ),
]
