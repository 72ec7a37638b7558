from django.urls import path

from cases.informing import views

# Id parameters are named <model>_id: the access-matrix test recognises them by name.
urlpatterns = [
    path(
        "casussen/<int:case_id>/informatiebrief.pdf",
        views.informing_letter,
        name="informing_letter",
    ),
]
