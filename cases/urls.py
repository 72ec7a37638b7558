"""The case app's routes, one module per capability (see the README's *Layout*). The route
names stay in the one ``cases`` namespace: links, bookmarks and the access log use them."""

from django.urls import include, path

app_name = "cases"

urlpatterns = [
    path("", include("cases.caseload.urls")),
    path("", include("cases.choices.urls")),
    path("", include("cases.registration.urls")),
    path("", include("cases.casefile.urls")),
    path("", include("cases.contacts.urls")),
    path("", include("cases.overviews.urls")),
    path("", include("cases.people.urls")),
    path("", include("cases.groups.urls")),
    path("", include("cases.privacy.urls")),
    path("", include("cases.meetings.urls")),
    path("", include("cases.plan.urls")),
    path("", include("cases.informing.urls")),
    path("", include("cases.proportionality.urls")),
    path("", include("cases.reports.urls")),
    path("", include("cases.handover.urls")),
]
