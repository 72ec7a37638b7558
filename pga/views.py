"""View helpers every screen shares."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def render_form(
    request, form, *, title, cancel_url, case=None, submit=None, intro="", template=None
):
    """One template for the simple form pages: every field labelled, errors at the field."""
    return render(
        request,
        template or "form_page.html",
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "case": case,
            "submit": submit or _("Opslaan"),
            "intro": intro,
        },
    )
