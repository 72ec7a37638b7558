"""Logging and correcting contacts. Saved in place on the case page with htmx, or with a
plain POST and redirect when JavaScript is off; nothing typed is lost on an error."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.contacts.forms import ContactForm
from cases.contacts.services import log_contact, update_contact
from cases.models import Contact
from cases.permissions import can_change_contact, get_case_for_user, get_contact_for_user
from partners.permissions import partner_of
from pga.forms import call_service, save_or_conflict
from pga.views import is_htmx

NO_ORGANISATION = _(
    "Uw account is niet aan een organisatie gekoppeld; vraag functioneel beheer dat te doen."
)


def contact_fields(form):
    return {name: form.cleaned_data[name] for name in ContactForm.Meta.fields}


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request, case_id):
    case = get_case_for_user(request.user, case_id, "cases.log_contact")
    partner = partner_of(request.user)
    form = ContactForm(
        request.POST or None, instance=Contact(case=case, author=request.user, partner=partner)
    )
    if request.method == "POST" and form.is_valid():
        if partner is None:
            form.add_error(None, NO_ORGANISATION)
        else:
            contact = call_service(
                form,
                log_contact,
                case,
                by=request.user,
                partner=partner,
                submission_key=form.cleaned_data["submission_key"],
                **contact_fields(form),
            )
            if contact is None:
                return render_contact_form(request, case, form)
            if is_htmx(request):
                fresh = ContactForm(instance=Contact(case=case))
                return render(
                    request,
                    "cases/_contact_saved.html",
                    {"case": case, "contact": contact, "form": fresh},
                )
            messages.success(request, _("Het contactmoment is opgeslagen."))
            return redirect(case.get_absolute_url() + "?tab=contacten&opgeslagen=1")
    return render_contact_form(request, case, form)


def render_contact_form(request, case, form):
    template = "cases/_contact_form.html" if is_htmx(request) else "cases/contact_form_page.html"
    return render(request, template, {"case": case, "form": form})


@login_required
def contact_detail(request, case_id, contact_id):
    contact = get_contact_for_user(request.user, contact_id, case_id=case_id)
    return render(
        request,
        "cases/contact_detail.html",
        {
            "case": contact.case,
            "contact": contact,
            "can_change": can_change_contact(request.user, contact),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, case_id, contact_id):
    contact = get_contact_for_user(request.user, contact_id, case_id=case_id)
    if not can_change_contact(request.user, contact):
        messages.info(
            request,
            _(
                "Dit contactmoment kan niet meer worden gecorrigeerd: dat kan alleen de auteur, tot 24 uur na het vastleggen."
            ),
        )
        return redirect("cases:contact_detail", case_id=contact.case_id, contact_id=contact.pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        if save_or_conflict(form, update_contact, contact, request.user):
            messages.success(request, _("Het contactmoment is gecorrigeerd."))
            return redirect(contact.case.get_absolute_url() + "?tab=contacten")
    return render(
        request,
        "cases/contact_form_page.html",
        {"case": contact.case, "form": form, "contact": contact},
    )
