from django.urls import path

from cases.meetings import views

urlpatterns = [
    path("overleggen/", views.meeting_list, name="meeting_list"),
    path("overleggen/nieuw/", views.meeting_create, name="meeting_create"),
    path("overleggen/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("overleggen/<int:meeting_id>/bewerken/", views.meeting_edit, name="meeting_edit"),
    path(
        "overleggen/<int:meeting_id>/agendapunten/nieuw/",
        views.agenda_item_create,
        name="agenda_item_create",
    ),
    path(
        "overleggen/<int:meeting_id>/agenda.pdf",
        views.meeting_agenda_pdf,
        name="meeting_agenda_pdf",
    ),
    path(
        "overleggen/<int:meeting_id>/verslag.pdf",
        views.meeting_minutes_pdf,
        name="meeting_minutes_pdf",
    ),
    path(
        "overleggen/<int:meeting_id>/definitief/",
        views.meeting_finalise,
        name="meeting_finalise",
    ),
    path(
        "overleggen/<int:meeting_id>/afgelasten/",
        views.meeting_cancel,
        name="meeting_cancel",
    ),
    path(
        "overleggen/<int:meeting_id>/agendapunten/<int:agenda_item_id>/verslag/",
        views.minutes_edit,
        name="minutes_edit",
    ),
    path(
        "overleggen/<int:meeting_id>/agendapunten/<int:agenda_item_id>/uitnodigen/",
        views.invitation_create,
        name="invitation_create",
    ),
    path(
        "overleggen/<int:meeting_id>/agendapunten/<int:agenda_item_id>/aanwezigheid/",
        views.attendance_edit,
        name="attendance_edit",
    ),
    path(
        "overleggen/<int:meeting_id>/agendapunten/<int:agenda_item_id>/besluit/",
        views.decision_create,
        name="decision_create",
    ),
    path(
        "overleggen/<int:meeting_id>/agendapunten/<int:agenda_item_id>/afspraak/",
        views.item_agreement_create,
        name="item_agreement_create",
    ),
    path(
        "overleggen/<int:meeting_id>/groep/verslag/",
        views.group_minutes_edit,
        name="group_minutes_edit",
    ),
]
