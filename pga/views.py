"""View helpers every screen shares."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# The context name of a form page's parent record (the breadcrumbs lead back to it).
PARENT_NAMES = {"youthgroup": "group", "meeting": "meeting"}


def render_form(
    request,
    form,
    *,
    title,
    cancel_url,
    case=None,
    parent=None,
    submit=None,
    intro="",
    template=None,
    cancel_label="",
):
    """One template for the simple form pages: every field labelled, errors at the field.
    ``parent``: the group or meeting the form belongs to, for the breadcrumbs."""
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "case": case,
        "submit": submit or _("Opslaan"),
        "intro": intro,
        "cancel_label": cancel_label,
    }
    if parent is not None:
        context[PARENT_NAMES[parent._meta.model_name]] = parent
    return render(request, template or "form_page.html", context)


def favicon(request):
    """Browsers ask for /favicon.ico on pages that do not name their icon (the admin's)."""
    return redirect(static("favicon.svg"), permanent=True)


# The footer's pages: public (a user who cannot sign in needs the helpdesk most), read from
# templates a municipality may override and the settings that fill them in.
def privacy_statement(request):
    return render(request, "statements/privacy.html", {"contact": settings.PRIVACY_CONTACT})


def accessibility_statement(request):
    return render(
        request,
        "statements/accessibility.html",
        {"statement_url": settings.PGA_ACCESSIBILITY_STATEMENT_URL},
    )


def helpdesk(request):
    return render(request, "statements/helpdesk.html", {"helpdesk": settings.PGA_HELPDESK})
