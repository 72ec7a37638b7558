from django.urls import path

from cases.handover import views

# Id parameters are named <model>_id: the access-matrix test recognises them by name.
urlpatterns = [
    path("casussen/<int:case_id>/opschalen/", views.handover_create, name="handover_create"),
    path(
        "casussen/<int:case_id>/opschalen/<int:handover_id>/",
        views.handover_detail,
        name="handover_detail",
    ),
    path(
        "casussen/<int:case_id>/opschalen/<int:handover_id>/dossier.pdf",
        views.handover_pdf,
        name="handover_pdf",
    ),
    path(
        "casussen/<int:case_id>/opschalen/<int:handover_id>/dossier.json",
        views.handover_json,
        name="handover_json",
    ),
]
