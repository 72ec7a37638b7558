"""Writes the access log: one row per request to a route, decided here and nowhere else.

The table below says, per route name and method, which action a request is. A route that
is not in it is logged as a read or a write all the same, and fails the completeness test (tests/test_access_log_completeness.py), so a new
page cannot go unlogged by accident. Login, failed login and logout are decided by the
outcome of the request itself, so each writes exactly one row too.

If the row cannot be written, the response is replaced by an error page: a read that
cannot be logged is not shown.
"""

import logging
import re
from functools import lru_cache

from django.apps import apps
from django.shortcuts import render
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.utils.crypto import salted_hmac

from partners.permissions import partner_of
from pga.client_ip import client_ip
from pga.ids import as_id
from pga.login_names import known_username
from pga.models import AccessAction, AccessLog, AccessResult

logger = logging.getLogger(__name__)

VIEW, LIST, CHANGE = AccessAction.VIEW, AccessAction.LIST, AccessAction.CHANGE
FORM = {"GET": VIEW, "POST": CHANGE}  # a form page: showing it reads, posting it writes
LOGIN_ROUTES = {"login", "admin:login"}
SECOND_FACTOR_ROUTES = {"two_factor_verify", "two_factor_setup"}

# Route name → action (for every method) or {method: action}. None: not logged (no data).
# What a logged request did, in words for the reader of the log, is in
# pga/access_log_words.py (ROUTE_WORDS); a route in this table needs its words there too.
ROUTE_ACTIONS = {
    "login": {"GET": None},
    "admin:login": {"GET": None},
    "logout": {"POST": AccessAction.LOGOUT, "GET": None},  # GET is refused (405), reads nothing
    "admin:logout": {"POST": AccessAction.LOGOUT, "GET": None},
    "admin:jsi18n": None,
    "favicon": None,
    # The footer's public pages: no case data, nothing to log.
    "privacy_statement": None,
    "accessibility_statement": None,
    "helpdesk": None,
    "two_factor_verify": {"GET": None, "POST": AccessAction.LOGIN},
    "two_factor_setup": {"GET": None, "POST": AccessAction.LOGIN},
    "home": LIST,
    "notification_list": LIST,
    "notification_open": VIEW,
    "notification_read_all": {"POST": CHANGE, "GET": None},  # GET is refused (405)
    "notification_settings": FORM,
    "job_list": LIST,
    "job_detail": VIEW,  # also each poll of its progress
    "job_download": AccessAction.DOWNLOAD,
    "cases:case_list": LIST,
    # The caseload as a file: its filters (search fingerprinted) are the detail, as the page's.
    "cases:case_list_csv": AccessAction.DOWNLOAD,
    "cases:case_list_xlsx": AccessAction.DOWNLOAD,
    "cases:caseload_months": LIST,
    # A search field's options (pga.widgets.ComboBox): the typed text is fingerprinted.
    "cases:choice_coordinators": LIST,
    "cases:choice_partners": LIST,
    "cases:choice_active_partners": LIST,
    "cases:choice_contact_persons": LIST,
    "cases:choice_youth_groups": LIST,
    "cases:case_create": FORM,
    "cases:case_detail": VIEW,
    "cases:case_history": VIEW,
    "cases:case_edit": FORM,
    "cases:case_status": FORM,
    "cases:involvement_create": FORM,
    "cases:involvement_end": FORM,
    "cases:involvement_renew": FORM,
    "cases:involvement_level": FORM,
    "cases:intervention_create": FORM,
    "cases:intervention_detail": VIEW,
    "cases:intervention_edit": FORM,
    "cases:contact_create": FORM,
    "cases:contact_detail": VIEW,
    "cases:contact_edit": FORM,
    "cases:assessment_create": FORM,
    "cases:youth_detail": VIEW,
    "cases:youth_edit": FORM,
    "cases:household_detail": VIEW,
    "cases:household_edit": FORM,
    "cases:group_list": LIST,
    "cases:group_create": FORM,
    "cases:group_detail": VIEW,
    "cases:group_edit": FORM,
    "cases:group_member_add": FORM,
    "cases:group_member_role": FORM,
    "cases:group_member_end": FORM,
    "cases:group_phase": FORM,
    "cases:group_reading_create": FORM,
    "cases:relation_create": FORM,
    "cases:relation_remove": FORM,
    "cases:group_insight_create": FORM,
    "cases:case_insight_create": FORM,
    "cases:case_insight_withdraw": FORM,
    "cases:group_insight_withdraw": FORM,
    "cases:group_goal_create": FORM,
    "cases:group_goal_evaluate": FORM,
    "cases:group_intervention_create": FORM,
    "cases:group_intervention_edit": FORM,
    "cases:group_history": VIEW,
    "cases:group_agreement_create": FORM,
    "cases:group_agreement_finish": FORM,
    "cases:group_overview_pdf": AccessAction.DOWNLOAD,
    "cases:group_archived_overview": AccessAction.DOWNLOAD,
    "cases:meeting_list": LIST,
    "cases:meeting_create": FORM,
    "cases:meeting_detail": VIEW,
    "cases:meeting_edit": FORM,
    "cases:agenda_item_create": FORM,
    "cases:invitation_create": FORM,
    "cases:minutes_edit": FORM,
    "cases:group_minutes_edit": FORM,
    "cases:meeting_finalise": FORM,
    "cases:meeting_cancel": FORM,
    "cases:attendance_edit": FORM,
    "cases:decision_create": FORM,
    "cases:item_agreement_create": FORM,
    "cases:meeting_agenda_pdf": AccessAction.DOWNLOAD,
    "cases:meeting_minutes_pdf": AccessAction.DOWNLOAD,
    "cases:agreement_list": LIST,
    "cases:goal_create": FORM,
    "cases:goal_edit": FORM,
    "cases:goal_evaluate": FORM,
    "cases:agreement_create": FORM,
    "cases:agreement_edit": FORM,
    "cases:agreement_finish": FORM,
    "cases:case_overview_pdf": AccessAction.DOWNLOAD,
    "cases:caseload_overview_pdf": AccessAction.DOWNLOAD,
    "cases:archived_overview": AccessAction.DOWNLOAD,
    "cases:informing_letter": AccessAction.DOWNLOAD,
    "cases:youth_export": AccessAction.DOWNLOAD,
    "cases:toets_create": FORM,
    "cases:handover_create": FORM,
    "cases:handover_detail": VIEW,
    "cases:handover_pdf": AccessAction.DOWNLOAD,
    "cases:handover_json": AccessAction.DOWNLOAD,
    # Sturingsinformatie: aggregated figures; the filter (van, tot, district) is the detail.
    # The API (cases/api): documentation and schema hold no case data; every data request
    # is logged with the system account, its organisation and, for lists, the cases named.
    "api:docs": None,
    "api:schema": None,
    "api:not_found": VIEW,
    "api:case_list": LIST,
    "api:case_detail": VIEW,
    "api:case_contacts": VIEW,
    "api:case_interventions": VIEW,
    "api:figures": LIST,
    "cases:report": LIST,
    "cases:report_csv": AccessAction.DOWNLOAD,
    "cases:report_xlsx": AccessAction.DOWNLOAD,
    "cases:report_pdf": AccessAction.DOWNLOAD,
    "supervision_access_log": AccessAction.LOG_READ,
}

# URL parameter → what it points at; the most specific one present names the object.
OBJECT_PARAMETERS = [
    ("overview_id", "cases.monthlyoverview"),
    ("handover_id", "cases.handover"),
    ("contact_id", "cases.contact"),
    ("intervention_id", "cases.intervention"),
    ("involvement_id", "cases.involvement"),
    ("assessment_id", "cases.assessment"),
    ("youth_id", "cases.youth"),
    ("household_id", "cases.household"),
    ("agreement_id", "cases.agreement"),
    ("goal_id", "cases.goal"),
    ("agenda_item_id", "cases.agendaitem"),
    ("meeting_id", "cases.meeting"),
    ("relation_id", "cases.personrelation"),
    ("insight_id", "cases.insight"),
    ("group_goal_id", "cases.groupgoal"),
    ("group_intervention_id", "cases.groupintervention"),
    ("group_membership_id", "cases.groupmembership"),
    ("group_id", "cases.youthgroup"),
    ("case_id", "cases.case"),
    ("job_id", "pga.job"),
    ("notification_id", "pga.notification"),
]

# Nine digits, also as people type a BSN: 999.900.043, 999 900 043, 9999-00-043.
NINE_DIGITS = re.compile(r"(?<!\d)\d(?:[ .\-]?\d){8}(?!\d)")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def route_name(match) -> str:
    """'cases:case_detail'; a route without a name (the admin's redirects) is 'admin:'."""
    name = match.url_name or ""
    return f"{match.namespace}:{name}" if match.namespace else name


@lru_cache
def _admin_models() -> list[tuple[str, str]]:
    """('<app label>_<model name>_', 'app_label.model') for every model, longest first: the
    admin names its routes admin:<app label>_<model name>_<view>, and app labels may hold
    an underscore themselves (otp_static)."""
    found = [
        (f"{m._meta.app_label}_{m._meta.model_name}_", m._meta.label_lower)
        for m in apps.get_models()
    ]
    return sorted(found, key=lambda pair: -len(pair[0]))


def admin_route(name: str) -> tuple[str, str]:
    """(model label, view) of a beheer route: 'admin:otp_static_staticdevice_change' →
    ('otp_static.staticdevice', 'change'); ('', 'index') for a page about no model."""
    body = name.removeprefix("admin:")
    for prefix, label in _admin_models():
        if body.startswith(prefix):
            return label, body.removeprefix(prefix)
    return "", body


def is_mapped(name: str) -> bool:
    return name in ROUTE_ACTIONS or name.startswith("admin:")


def action_for(name: str, method: str):
    """The action of a request, or None when it is not logged. A route missing from the
    table is still logged, as a read or a write (and fails the completeness test)."""
    if name.startswith("admin:") and name not in ROUTE_ACTIONS:
        return AccessAction.ADMIN
    action = ROUTE_ACTIONS.get(name, FORM)
    if isinstance(action, dict):
        return action.get(method, CHANGE if method == "POST" else VIEW)
    return action


def object_of(name: str, kwargs: dict, args: tuple = ()) -> tuple[str, str]:
    for parameter, object_type in OBJECT_PARAMETERS:
        if parameter in kwargs:
            return object_type, str(kwargs[parameter])
    if name.startswith("admin:"):
        # The record's id: object_id, or id/pk (password change, device config), or the
        # first positional group (django-simple-history's version page).
        found = [kwargs.get(key) for key in ("object_id", "id", "pk")] + list(args[:1])
        object_id = next((str(value) for value in found if value is not None), "")
        model, _view = admin_route(name)
        if model and object_id:
            return model, object_id
    return "", ""


def scrub(text: str) -> str:
    """Keep BSNs (and any other nine-digit number) and control characters out of the log."""
    return CONTROL_CHARACTERS.sub("", NINE_DIGITS.sub("[9 cijfers]", text))[:1000]


# Query parameters whose values are codes, ids, dates or numbers, never free text: logged
# as they are. Any other value (the search box, or whatever someone types into a URL) is
# logged as a keyed fingerprint per word: toezicht can check whether a given term was
# searched (pga/supervision.py), but the log never holds a name after the case it was about
# has been removed (retention).
PLAIN_PARAMETERS = {
    "status", "priority", "district", "coordinator", "partner", "youth_group",
    "review_overdue", "inform_review_overdue", "toets_overdue", "agreement_overdue", "registered_from", "closed_from", "ending_within", "no_contact_days",
    "sort", "pagina", "tab", "kind", "month", "alle", "opgeslagen",
    "van", "tot", "gebruiker", "actie", "resultaat", "casus", "soort", "object",
    "verlopen", "terug", "gewijzigd_sinds", "pagina_grootte", "gebied",
}  # fmt: skip
PLAIN_VALUE = re.compile(r"^[\w\-:.]{0,40}$", re.ASCII)


def fingerprint(word: str) -> str:
    """A keyed, one-way fingerprint of a search word (case-insensitive). Letters only, so the
    BSN scrubber never mistakes a fingerprint for nine digits."""
    digest = salted_hmac("pga.access_log.search", word.casefold()).digest()
    return "#" + "".join(chr(ord("a") + byte % 26) for byte in digest[:12])


def fingerprint_text(text: str) -> str:
    """Every word as a fingerprint, but a nine-digit number (a BSN) scrubbed first: its
    fingerprint could be found by trying every BSN."""
    pieces = NINE_DIGITS.split(CONTROL_CHARACTERS.sub("", text))
    words = " [9 cijfers] ".join(
        " ".join(fingerprint(word) for word in piece.split()) for piece in pieces
    )
    return " ".join(words.split())[:1000]


def logged_filter(query) -> str:
    """The filter of a list or page request as the log keeps it: the filter, never the
    result, and no free text."""
    parts = []
    for key, value in sorted(query.items()):
        key = CONTROL_CHARACTERS.sub("", key)[:40]
        if key in PLAIN_PARAMETERS and PLAIN_VALUE.match(value):
            parts.append(f"{key}={value}")
        else:
            parts.append(f"{key}={fingerprint_text(value)}")
    return "; ".join(parts)


def refused_as_odd_input(response) -> bool:
    return response.status_code in (400, 413) or response.status_code >= 500


def fingerprint_path(path: str) -> str:
    """A path as the log keeps it: numbers and the words of our own URLs as they are,
    anything else (text someone typed into the address bar) as a fingerprint."""
    parts = []
    for part in scrub(path).split("/"):
        plain = part == "" or part.isdigit() or part in url_words()
        parts.append(part if plain else fingerprint(part))
    return "/".join(parts)[:300]


@lru_cache(maxsize=1)
def url_words() -> frozenset:
    """The literal words of the URL map (casussen, bewerken, beheer, …)."""
    words = set()

    def walk(patterns):
        for entry in patterns:
            words.update(part for part in str(entry.pattern).split("/") if part and "<" not in part)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns)

    walk(get_resolver().url_patterns)
    return frozenset(words)


LOGIN_PAGES = ("/inloggen/", "/beheer/login/")
SECOND_FACTOR_PAGES = ("/tweestapsverificatie/",)


def result_of(response) -> str:
    if response.status_code >= 500:
        return AccessResult.ERROR
    if 400 <= response.status_code < 500:
        return AccessResult.REFUSED
    if response.status_code == 302 and response.get("Location", "").startswith(
        LOGIN_PAGES + SECOND_FACTOR_PAGES
    ):
        return AccessResult.REFUSED  # not logged in, no second factor, or not beheer
    return AccessResult.ALLOWED


def match_of(request):
    """The route a request aimed at, also when a middleware answered before the resolver
    ran (a missing second factor, an expired session, odd input)."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user_before = getattr(request, "user", None)
        response = self.get_response(request)
        match = match_of(request)
        if match is None:
            if not refused_as_odd_input(response):
                return response  # no route: static files, unknown URLs
            # Odd input at an unknown URL (a NUL byte in the path, a body too large) and
            # server errors are logged all the same, with the path they aimed at.
            name, action, kwargs, args = "", FORM.get(request.method, AccessAction.VIEW), {}, ()
        else:
            name, kwargs, args = route_name(match), match.kwargs, match.args
            action = action_for(name, request.method)
        if action is None:
            return response
        try:
            self.write(request, response, name, action, (kwargs, args), user_before)
        except Exception:
            logger.exception(
                "Het inzagelog kon niet worden geschreven (%s %s)", request.method, name
            )
            return render(request, "access_log_failed.html", status=500)
        return response

    def write(self, request, response, name, action, parameters, user_before):
        kwargs, args = parameters
        user = request.user if request.user.is_authenticated else user_before
        detail = ""
        result = result_of(response)
        if name in LOGIN_ROUTES:
            succeeded = request.user.is_authenticated
            action = AccessAction.LOGIN if succeeded else AccessAction.LOGIN_FAILED
            result = AccessResult.ALLOWED if succeeded else AccessResult.REFUSED
            # A typed name that is no account may be a password typed in the wrong box.
            typed = known_username(request.POST.get("username", ""))
            detail = f"gebruikersnaam: {typed}" if typed else "onbekende gebruikersnaam"
            if getattr(request, "axes_locked_out", False):
                detail += " (geblokkeerd na te veel mislukte pogingen)"
        elif name in SECOND_FACTOR_ROUTES:
            succeeded = request.user.is_authenticated and request.user.is_verified()
            action = AccessAction.LOGIN if succeeded else AccessAction.LOGIN_FAILED
            result = AccessResult.ALLOWED if succeeded else AccessResult.REFUSED
            detail = "tweede factor" + (" ingesteld" if name == "two_factor_setup" else "")
        elif action == AccessAction.LOGOUT:
            result = AccessResult.ALLOWED
        elif response.status_code == 302 and response.get("Location", "").startswith(
            SECOND_FACTOR_PAGES
        ):
            detail = "geweigerd: tweede factor nog niet gecontroleerd"
        elif not name:
            detail = f"onbekende pagina: {fingerprint_path(request.path)}"
            if request.GET:
                detail += f"; {logged_filter(request.GET)}"
        elif request.GET:
            detail = logged_filter(request.GET)
        note = getattr(request, "access_log_note", "")
        if note:  # what the view knows of a refusal (the API: which token was refused)
            detail = "; ".join(filter(None, [detail, note]))
        shown = getattr(request, "access_log_cases", None)
        if shown:
            # A page about several cases (a meeting, its PDFs) names each one it showed.
            detail = "; ".join(filter(None, [detail, "casussen: " + ", ".join(shown)]))
        known = user if user is not None and user.is_authenticated else None
        partner = partner_of(known) if known else None
        object_type, object_id = object_of(name, kwargs, args)
        AccessLog.objects.create(
            user=known,
            username=known.get_username() if known else "",
            organisation=partner.name if partner else "",
            action=action,
            result=result,
            route=name,
            method=request.method[:8],
            object_type=object_type,
            object_id=scrub(object_id)[:64],
            case_id=as_id(kwargs.get("case_id")),
            detail=scrub(detail),
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
