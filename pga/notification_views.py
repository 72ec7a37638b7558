"""The Meldingen list (a user's own notifications, unread first in weight, newest first),
opening one (it is then read, and the page it points to decides, as always, what the user
may see), marking all read, and the choice per kind of how the e-mail comes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from partners.permissions import (
    get_notification_for_user,
    is_coordinator,
    own_notifications,
    partner_of,
)
from pga.notifications import KINDS, choices_of, kinds_for, mark_read, set_choices
from pga.views import render_form

PAGE_SIZE = 25


@login_required
def notification_list(request):
    mine = own_notifications(request.user)
    page = Paginator(mine.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    rows = [(n, KINDS[n.kind].sentence if n.kind in KINDS else "") for n in page]
    return render(
        request,
        "notifications/list.html",
        {"page": page, "rows": rows, "unread": mine.filter(read_at__isnull=True).count()},
    )


@login_required
def notification_open(request, notification_id):
    notification = get_notification_for_user(request.user, notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notification_list")


@login_required
@require_POST
def notification_read_all(request):
    count = mark_read(own_notifications(request.user))
    if count:
        messages.success(request, f"{count} melding(en) gemarkeerd als gelezen.")
    return redirect("notification_list")


class ChoicesForm(forms.Form):
    """One question per kind the user can receive: how the e-mail comes."""

    def __init__(self, *args, kinds, initial_choices, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind.name] = forms.ChoiceField(
                label=kind.label,
                choices=kind.choices_labelled,
                # Each question has an answer already (the default): none is 'verplicht'.
                required=False,
                initial=initial_choices[kind.name],
                widget=forms.RadioSelect,
                help_text=" ".join(
                    part
                    for part in (
                        kind.note,
                        "" if kind.switchable else "Deze melding kunt u niet uitzetten.",
                    )
                    if part
                ),
            )


@login_required
def notification_settings(request):
    kinds = kinds_for(
        coordinator=is_coordinator(request.user), member=partner_of(request.user) is not None
    )
    if not kinds:
        messages.info(request, "In uw rol krijgt u geen meldingen; er is niets in te stellen.")
        return redirect("notification_list")
    form = ChoicesForm(request.POST or None, kinds=kinds, initial_choices=choices_of(request.user))
    if request.method == "POST" and form.is_valid():
        set_choices(request.user, form.cleaned_data, reason="Eigen keuze voor meldingen")
        messages.success(request, "Uw keuze voor meldingen is opgeslagen.")
        return redirect("notification_list")
    return render_form(
        request,
        form,
        title="Meldingen per e-mail",
        cancel_url=reverse("notification_list"),
        intro=(
            "Kies per soort melding of u er direct een e-mail over krijgt, één keer per dag "
            "(om 7.00 uur) een e-mail met alles samen, of geen e-mail. In de lijst Meldingen "
            "ziet u ze altijd. Een e-mail zegt nooit over wie of welke casus het gaat."
        ),
    )
