from django.urls import path

from . import invitation_views, views

app_name = "deputies"
urlpatterns = [
    path("me/", views.my_duties, name="my_duties"),
    path("me/log/", views.log_duty, name="log_duty"),
    path("me/entries/<int:pk>/edit/", views.edit_duty, name="edit_duty"),
    path("me/entries/<int:pk>/withdraw/", views.withdraw_duty, name="withdraw_duty"),
    path("me/entries/<int:pk>/flag/", views.flag_entry, name="flag_entry"),
    path("me/archive/", views.my_archive, name="my_archive"),
    path("me/invitations/<int:pk>/", invitation_views.invitation, name="invitation"),
    path("activities/", invitation_views.activities, name="activities"),
    path("activities/<int:pk>/", invitation_views.activity, name="activity"),
    path("activities/<int:pk>/code/", invitation_views.activity_code, name="activity_code"),
    path(
        "activities/<int:pk>/check-in/",
        invitation_views.activity_check_in,
        name="activity_check_in",
    ),
    path(
        "invitations/<int:pk>/step/<slug:step>/",
        invitation_views.attendance_step,
        name="attendance_step",
    ),
    path("flags/<int:pk>/", views.flag_detail, name="flag_detail"),
    path("flags/<int:pk>/step/<slug:step>/", views.flag_step, name="flag_step"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/photo/", views.photo, name="photo"),
    path("entries/photos/<int:pk>/", views.entry_photo, name="entry_photo"),
    path("activities/photos/<int:pk>/", views.activity_photo, name="activity_photo"),
    path("ranking/", views.ranking, name="ranking"),
    path("ranking/publish/", views.publish_quarter, name="publish_quarter"),
    path("ranking/published/", views.published_rankings, name="published_rankings"),
    path("ranking/published/<int:pk>/", views.published_ranking, name="published_ranking"),
    path(
        "ranking/published/<int:pk>/pdf/again/",
        views.render_published_ranking_again,
        name="render_published_ranking_again",
    ),
    path(
        "ranking/published/<int:pk>/pdf/",
        views.published_ranking_pdf,
        name="published_ranking_pdf",
    ),
    path("review/", views.review_queue, name="review_queue"),
    path("pick/", views.pick, name="pick"),
    path("at-risk/", views.at_risk, name="at_risk"),
    path("letters/<int:pk>/pdf/", views.letter_pdf, name="letter_pdf"),
    path("me/letters/<int:pk>/acknowledge/", views.acknowledge_letter, name="acknowledge_letter"),
    path("thank-you/", views.thank_you_letters, name="thank_you_letters"),
    path("thank-you/<int:pk>/", views.thank_you_batch, name="thank_you_batch"),
    path("thank-you/<int:pk>/pdf/", views.thank_you_combined_pdf, name="thank_you_combined_pdf"),
    path(
        "thank-you/letters/<int:pk>/pdf/",
        views.thank_you_letter_pdf,
        name="thank_you_letter_pdf",
    ),
]
