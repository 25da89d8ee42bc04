from django.urls import path

from . import views

app_name = "suggestions"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.draft, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.draft, name="edit"),
    path("paper/", views.paper, name="paper"),
    path("<int:pk>/paper/", views.paper, name="edit_paper"),
    path("<int:pk>/step/<slug:step>/", views.take_step, name="step"),
    path("<int:pk>/co-sign/", views.answer_invitation, name="answer_invitation"),
    path("<int:pk>/files/<slug:kind>/<int:file_pk>/", views.download, name="download"),
    path("<int:pk>/supervision/", views.supervise, name="supervise"),
    path("ledger/", views.ledger, name="ledger"),
    path("statistics/", views.statistics, name="statistics"),
    path("signals/", views.signals, name="signals"),
]
