"""The access log in words: who (name and organisation) did what (which tab, contact,
intervention or PDF), for every place that shows log rows (toezicht's inzagelog, the AVG
export).

``ROUTE_WORDS`` says per route what a request did; ``describe_rows`` fills in the record it
was about, with a fixed number of queries per page: the page's accounts, cases and, per kind
of record on the page, its records are each fetched in one query.

A record is named by what tells it apart for a privacy officer (a contact by its date and
organisation, an intervention by its type, an agreement by its partner), never by a person's
name or by content (no summary, no note, no youth's name): the reader learns which record
was looked at, not what it says. The names come from every record: toezicht and the
coordinator who makes an AVG export may know of each one. A page that ever shows log rows to
someone who may not see every record passes ``querysets`` of what that reader may see; a
record outside them is named by its number only.

pga/ imports nothing from cases/ (DESIGN §3): the models are looked up by label.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pga.access_log import admin_route
from pga.models import AccessAction


@dataclass(frozen=True)
class Form:
    """A form page: showing it opens the form, posting it sends it (whether the form was
    accepted is not in the log: a refused form answers 200 as well)."""

    title: str


# The case page's tabs (cases.casefile.tabs.TABS; a test keeps the two the same).
TAB_LABELS = {
    "overzicht": _("Overzicht"),
    "huishouden": _("Huishouden"),
    "jeugdgroep": _("Jeugdgroep"),
    "partners": _("Partners"),
    "interventies": _("Interventies"),
    "afspraken": _("Afspraken"),
    "contacten": _("Contacten"),
    "zrm": _("ZRM"),
    "historie": _("Historie"),
}

# Route → what a request to it did. {object} is the record the URL names (its kind is in the
# log row), {tab} the case page's tab. A route that is logged but missing here fails
# tests/test_access_log_words.py, like a route missing from ROUTE_ACTIONS.
ROUTE_WORDS = {
    "home": _("Startpagina bekeken"),
    "notification_list": _("Eigen meldingen bekeken"),
    "notification_open": _("Melding {object} geopend"),
    "notification_read_all": _("Eigen meldingen als gelezen gemarkeerd"),
    "notification_settings": _("Eigen keuze voor meldingen per e-mail bekeken of gewijzigd"),
    "job_list": _("Eigen downloads (achtergrondtaken) bekeken"),
    "job_detail": _("Voortgang van achtergrondtaak {object} bekeken"),
    "job_download": _("Resultaat van achtergrondtaak {object} gedownload"),
    "supervision_access_log": _("Inzagelog geraadpleegd"),
    "cases:case_list": _("Caseload bekeken of doorzocht"),
    "cases:case_list_csv": _("Caseload gedownload zoals gefilterd (CSV)"),
    "cases:case_list_xlsx": _("Caseload gedownload zoals gefilterd (XLSX)"),
    "cases:caseload_months": _("Maanden met een caseload-overzicht (PDF) bekeken"),
    "cases:choice_coordinators": _("Procescoördinatoren gezocht in een keuzeveld"),
    "cases:choice_partners": _("Ketenpartners gezocht in een keuzeveld"),
    "cases:choice_active_partners": _("Actieve ketenpartners gezocht om te betrekken"),
    "cases:choice_contact_persons": _("Contactpersonen van ketenpartners gezocht"),
    "cases:choice_youth_groups": _("Jeugdgroepen gezocht in een keuzeveld"),
    "cases:case_create": Form(_("nieuwe aanmelding")),
    "cases:case_detail": _("Tabblad {tab} bekeken"),
    "cases:case_history": _("Historie van de casus bekeken"),
    "cases:case_edit": Form(_("casus bewerken")),
    "cases:case_status": Form(_("status van de casus wijzigen")),
    "cases:involvement_create": Form(_("partner betrekken")),
    "cases:involvement_end": Form(_("betrokkenheid {object} beëindigen")),
    "cases:involvement_renew": Form(_("betrokkenheid {object} verlengen")),
    "cases:involvement_level": Form(_("informatieniveau van betrokkenheid {object} wijzigen")),
    "cases:intervention_create": Form(_("interventie toevoegen")),
    "cases:intervention_detail": _("Interventie {object} bekeken"),
    "cases:intervention_edit": Form(_("interventie {object} bewerken")),
    "cases:contact_create": Form(_("contact vastleggen")),
    "cases:contact_detail": _("Contact {object} bekeken"),
    "cases:contact_edit": Form(_("contact {object} corrigeren")),
    "cases:assessment_create": Form(_("ZRM-meting vastleggen")),
    "cases:youth_detail": _("Gegevens van jongere {object} bekeken"),
    "cases:youth_edit": Form(_("gegevens van jongere {object} bewerken")),
    "cases:youth_export": _("Inzage-export (AVG) van jongere {object} gedownload"),
    "cases:household_detail": _("Huishouden {object} bekeken"),
    "cases:household_edit": Form(_("huishouden {object} bewerken")),
    "cases:group_list": _("Lijst van jeugdgroepen bekeken"),
    "cases:group_create": Form(_("nieuwe jeugdgroep")),
    "cases:group_detail": _("Groepspagina {object} bekeken"),
    "cases:group_edit": Form(_("jeugdgroep {object} bewerken")),
    "cases:group_member_add": Form(_("lid toevoegen aan jeugdgroep {object}")),
    "cases:group_member_role": Form(_("rol van groepslid {object} wijzigen")),
    "cases:group_member_end": Form(_("lidmaatschap {object} beëindigen")),
    "cases:group_phase": Form(_("fase van jeugdgroep {object} wijzigen")),
    "cases:group_reading_create": Form(_("groepsduiding van jeugdgroep {object} schrijven")),
    "cases:relation_create": Form(_("relatie vastleggen in jeugdgroep {object}")),
    "cases:relation_remove": Form(_("relatie {object} verwijderen")),
    "cases:group_insight_create": Form(_("inzicht over jeugdgroep {object} vastleggen")),
    "cases:case_insight_create": Form(_("inzicht vastleggen")),
    "cases:case_insight_withdraw": Form(_("inzicht {object} intrekken")),
    "cases:group_insight_withdraw": Form(_("inzicht {object} intrekken")),
    "cases:group_goal_create": Form(_("groepsdoel vastleggen voor jeugdgroep {object}")),
    "cases:group_goal_evaluate": Form(_("groepsdoel {object} evalueren")),
    "cases:group_intervention_create": Form(_("groepsinterventie voor jeugdgroep {object}")),
    "cases:group_intervention_edit": Form(_("groepsinterventie {object} bewerken")),
    "cases:group_history": _("Historie van jeugdgroep {object} bekeken"),
    "cases:group_agreement_create": Form(_("afspraak met jeugdgroep {object} maken")),
    "cases:group_agreement_finish": Form(_("afspraak {object} afronden")),
    "cases:group_overview_pdf": _("Maandoverzicht-PDF van jeugdgroep {object} gedownload"),
    "cases:group_archived_overview": _("Gearchiveerd maandoverzicht {object} gedownload"),
    "cases:meeting_list": _("Lijst van overleggen bekeken"),
    "cases:meeting_create": Form(_("overleg plannen")),
    "cases:meeting_detail": _("Overleg {object} bekeken"),
    "cases:meeting_edit": Form(_("overleg {object} bewerken")),
    "cases:agenda_item_create": Form(_("agendapunt toevoegen aan overleg {object}")),
    "cases:invitation_create": Form(_("partner uitnodigen voor agendapunt {object}")),
    "cases:minutes_edit": Form(_("verslag van agendapunt {object} schrijven")),
    "cases:group_minutes_edit": Form(_("groepsverslag van overleg {object} schrijven")),
    "cases:meeting_finalise": Form(_("overleg {object} definitief maken")),
    "cases:meeting_cancel": Form(_("overleg {object} afgelasten")),
    "cases:attendance_edit": Form(_("aanwezigheid bij agendapunt {object} vastleggen")),
    "cases:decision_create": Form(_("besluit bij agendapunt {object} vastleggen")),
    "cases:item_agreement_create": Form(_("afspraak bij agendapunt {object} maken")),
    "cases:meeting_agenda_pdf": _("Agenda-PDF van overleg {object} gedownload"),
    "cases:meeting_minutes_pdf": _("Verslag-PDF van overleg {object} gedownload"),
    "cases:agreement_list": _("Lijst van afspraken bekeken"),
    "cases:goal_create": Form(_("doel vastleggen")),
    "cases:goal_edit": Form(_("doel {object} bewerken")),
    "cases:goal_evaluate": Form(_("doel {object} evalueren")),
    "cases:agreement_create": Form(_("afspraak maken")),
    "cases:agreement_edit": Form(_("afspraak {object} bewerken")),
    "cases:agreement_finish": Form(_("afspraak {object} afronden")),
    "cases:case_overview_pdf": _("Casusoverzicht-PDF (maandoverzicht) gedownload"),
    "cases:caseload_overview_pdf": _("Caseload-overzicht-PDF (maandoverzicht) gedownload"),
    "cases:archived_overview": _("Gearchiveerd maandoverzicht {object} gedownload"),
    "cases:informing_letter": _("Informatiebrief-PDF gedownload"),
    "cases:toets_create": Form(_("proportionaliteitstoets vastleggen")),
    "cases:handover_create": Form(_("opschalen naar het Zorg- en Veiligheidshuis")),
    "cases:handover_detail": _("Opschalingsdossier {object} bekeken"),
    "cases:handover_pdf": _("Opschalingsdossier {object} gedownload (PDF)"),
    "cases:handover_json": _("Opschalingsdossier {object} gedownload (JSON)"),
    "api:not_found": _("Onbekend adres in de API gevraagd"),
    "api:case_list": _("Casussen gelezen via de API"),
    "api:case_detail": _("Casus gelezen via de API"),
    "api:case_contacts": _("Contactmomenten van de casus gelezen via de API"),
    "api:case_interventions": _("Interventies van de casus gelezen via de API"),
    "api:figures": _("Sturingsinformatie gelezen via de API"),
    "cases:report": _("Sturingsinformatie bekeken"),
    "cases:report_csv": _("Tabel van de sturingsinformatie gedownload (CSV)"),
    "cases:report_xlsx": _("Tabel van de sturingsinformatie gedownload (XLSX)"),
    "cases:report_pdf": _("Sturingsinformatie als PDF-rapport gedownload"),
}

# Actions whose words do not depend on the route.
ACTION_WORDS = {
    AccessAction.LOGIN: _("Ingelogd"),
    AccessAction.LOGIN_FAILED: _("Inloggen mislukt"),
    AccessAction.LOGOUT: _("Uitgelogd"),
    AccessAction.PURGE: _("Inzagelog opgeschoond (bewaartermijn verstreken)"),
}

# What the log's object codes mean.
OBJECT_TYPES = {
    "cases.case": _("casus"),
    "cases.youth": _("jongere"),
    "cases.household": _("huishouden"),
    "cases.youthgroup": _("jeugdgroep"),
    "cases.contact": _("contactmoment"),
    "cases.intervention": _("interventie"),
    "cases.involvement": _("betrokkenheid"),
    "cases.agreement": _("afspraak"),
    "cases.goal": _("doel"),
    "cases.meeting": _("overleg"),
    "cases.agendaitem": _("agendapunt"),
    "cases.monthlyoverview": _("gearchiveerd maandoverzicht"),
    "cases.handover": _("opschalingsdossier"),
    "cases.purgedcase": _("verwijderde casus"),
    "pga.job": _("achtergrondtaak"),
    "pga.notification": _("melding"),
}


def _day(value) -> str:
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return value.strftime("%d-%m-%Y")


# Object type → (related fields to fetch with it, how to name one). Types not here are
# named by their number.
NAMERS = {
    "cases.contact": (
        ("partner",),
        lambda c: (
            _("van %(day)s (%(partner)s)") % {"day": _day(c.occurred_at), "partner": c.partner}
        ),
    ),
    "cases.intervention": (("intervention_type",), lambda i: f"‘{i.intervention_type.name}’"),
    "cases.involvement": (("partner",), lambda i: _("van %(partner)s") % {"partner": i.partner}),
    "cases.agreement": (
        ("partner",),
        lambda a: (
            _("met %(partner)s (deadline %(day)s)")
            % {"partner": a.partner or _("de groep"), "day": _day(a.due_on)}
        ),
    ),
    "cases.goal": (("domain",), lambda g: f"‘{g.domain}’"),
    "cases.youthgroup": ((), lambda g: f"‘{g.name}’"),
    "cases.meeting": ((), lambda m: _("van %(when)s") % {"when": _day(m.starts_at)}),
    "cases.agendaitem": (
        ("meeting",),
        lambda i: _("in overleg van %(when)s") % {"when": _day(i.meeting.starts_at)},
    ),
    "cases.monthlyoverview": ((), lambda o: _("van %(month)s") % {"month": f"{o.month:%m-%Y}"}),
    "cases.handover": (
        (),
        lambda h: (
            _("aan %(recipient)s van %(day)s")
            % {"recipient": h.recipient, "day": _day(h.created_at)}
        ),
    ),
}


def _records(rows, querysets) -> dict:
    """{(object type, object id): name} for the page's rows: one query per kind of record."""
    wanted = {}
    for row in rows:
        if row.object_type in NAMERS and row.object_id.isdigit():
            wanted.setdefault(row.object_type, set()).add(int(row.object_id))
    names = {}
    for object_type, ids in wanted.items():
        related, name = NAMERS[object_type]
        found = querysets.get(object_type)
        if found is None:
            found = apps.get_model(object_type)._default_manager.all()
        for record in found.filter(pk__in=ids).select_related(*related):
            names[(object_type, str(record.pk))] = name(record)
    return names


def _object_words(row, names) -> str:
    if not row.object_type:
        return ""
    found = names.get((row.object_type, row.object_id))
    if found is not None:
        return found
    if row.object_type in NAMERS:
        return _("nr. %(id)s (niet meer aanwezig)") % {"id": row.object_id}
    return _("nr. %(id)s") % {"id": row.object_id}


# Beheer's pages of other apps' models, whose own names are English: (one, several).
OTHER_MODELS = {
    "axes.accessattempt": (_("inlogpoging"), _("inlogpogingen")),
    "axes.accessfailurelog": (_("mislukte inlog"), _("mislukte inlogs")),
    "axes.accesslog": (_("inlogregistratie"), _("inlogregistraties")),
    "otp_totp.totpdevice": (_("authenticator-app"), _("authenticator-apps")),
    "otp_static.staticdevice": (_("set reservecodes"), _("sets reservecodes")),
    "auth.group": (_("groep"), _("groepen")),
    "auth.user": (_("account"), _("accounts")),
}


def _kind_of(object_type: str) -> str:
    """A kind of record in words: ours, else the model's own name (beheer's pages)."""
    if not object_type or object_type in OBJECT_TYPES:
        return str(OBJECT_TYPES.get(object_type, ""))
    if object_type in OTHER_MODELS:
        return str(OTHER_MODELS[object_type][0])
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


# What a beheer page of a model did, per view of the Django admin (GET, POST).
ADMIN_VIEW_WORDS = {
    "changelist": (_("lijst van {plural} bekeken"), _("lijst van {plural} bewerkt")),
    "add": (_("formulier {kind} toevoegen geopend"), _("{kind} toegevoegd")),
    "change": (_("{kind} {object} bekeken"), _("{kind} {object} gewijzigd")),
    "delete": (_("{kind} {object}: verwijderen gevraagd"), _("{kind} {object} verwijderd")),
    "history": (_("historie van {kind} {object} bekeken"),) * 2,
    "simple_history": (
        _("eerdere versie van {kind} {object} bekeken"),
        _("eerdere versie van {kind} {object} teruggezet"),
    ),
    "password_change": (
        _("formulier wachtwoord van {kind} {object} geopend"),
        _("wachtwoord van {kind} {object} gewijzigd"),
    ),
    "decide": (
        _("besluit over {kind} {object} geopend"),
        _("besluit over {kind} {object} genomen"),
    ),
    "config": (_("instellingen van {kind} {object} bekeken"),) * 2,
    "qrcode": (_("QR-code van {kind} {object} bekeken"),) * 2,
}
ADMIN_PAGE_WORDS = {
    "index": _("startpagina bekeken"),
    "app_list": _("overzicht van een onderdeel bekeken"),
    "password_change": _("formulier eigen wachtwoord wijzigen geopend"),
    "password_change_done": _("eigen wachtwoord gewijzigd"),
    "": _("onbekende of verouderde beheerpagina opgevraagd"),
}


def _admin_words(row, names) -> str:
    model, view = admin_route(row.route)
    said = ADMIN_VIEW_WORDS.get(view) if model else None
    if said is None:
        return str(ADMIN_PAGE_WORDS.get(view, _("pagina %(page)s") % {"page": view or "?"}))
    plain_id = bool(re.fullmatch(r"[\w-]{1,64}", row.object_id or ""))
    text = str(said[row.method == "POST"]).format(
        kind=_kind_of(model),
        plural=_plural_of(model),
        object=_object_words(row, names) if plain_id else _("(onbekend nummer)"),
    )
    return " ".join(text.split())


def _plural_of(label: str) -> str:
    if label in OTHER_MODELS:
        return str(OTHER_MODELS[label][1])
    try:
        return str(apps.get_model(label)._meta.verbose_name_plural)
    except (LookupError, ValueError):
        return label


def _detail_value(detail: str, key: str) -> str | None:
    for part in detail.split("; "):
        name, sep, value = part.partition("=")
        if sep and name == key:
            return value
    return None


def words(row, names) -> str:
    """What one logged request did, in a sentence."""
    if row.action in ACTION_WORDS:
        return str(ACTION_WORDS[row.action])
    if row.action == AccessAction.ADMIN or row.route.startswith("admin:"):
        return f"{_('Functioneel beheer')}: {_admin_words(row, names)}"
    said = ROUTE_WORDS.get(row.route)
    if said is None:
        verb = _("verstuurd") if row.method == "POST" else _("bekeken")
        if not row.route:
            return _("Onbekende pagina %(verb)s") % {"verb": verb}
        return _("Pagina %(page)s %(verb)s") % {"page": row.route, "verb": verb}
    if isinstance(said, Form):
        verb = _("Formulier verstuurd") if row.method == "POST" else _("Formulier geopend")
        said = f"{verb}: {said.title}"
    tab = _detail_value(row.detail, "tab") or "overzicht"
    text = str(said).format(
        object=_object_words(row, names),
        tab=TAB_LABELS.get(tab, _("onbekend (%(tab)s)") % {"tab": tab}),
    )
    return " ".join(text.split())


def shown_detail(detail: str) -> str:
    """The detail without what the sentence already says (the tab)."""
    return "; ".join(part for part in detail.split("; ") if not part.startswith("tab="))


def describe_rows(rows, querysets=None):
    """The rows (a list) with ``person`` (full name, else the username), ``words``,
    ``shown_detail`` and ``case_number`` set: a fixed number of queries, whatever the
    number of rows. ``querysets``: {object type: the records the reader may see}."""
    rows = list(rows)
    people = {
        user.pk: user.get_full_name()
        for user in get_user_model().objects.filter(pk__in={r.user_id for r in rows if r.user_id})
    }
    numbers = dict(
        apps.get_model("cases", "Case")
        .objects.filter(pk__in={r.case_id for r in rows if r.case_id})
        .values_list("pk", "number")
    )
    names = _records(rows, querysets or {})
    for row in rows:
        row.person = people.get(row.user_id) or row.username
        row.words = words(row, names)
        row.shown_detail = shown_detail(row.detail)
        row.case_number = numbers.get(row.case_id, "")
    return rows
