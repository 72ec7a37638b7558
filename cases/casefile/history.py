"""The Historie tab: one merged, newest-first timeline of every change to a case and to what
hangs from it, in words people read: Dutch field labels, old → new values, choice labels and
names instead of codes and ids, "aangemaakt" and "verwijderd".

A partner sees only the entries about records it may see (no ZRM, only the contacts it may
see) and never a BSN. The number of queries per page does not depend on the number of
entries: one UNION ALL pages the entry keys; per kind of record one query fetches the page's
rows with their predecessors; one query per related model turns ids into names.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import CharField, F, Q, Value, Window
from django.db.models.functions import Lead
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import (
    AgendaItem,
    Agreement,
    Assessment,
    Case,
    Contact,
    Decision,
    Goal,
    GoalEvaluation,
    GroupMembership,
    Handover,
    HandoverGround,
    Household,
    HouseholdMember,
    Insight,
    InsightKind,
    Intervention,
    Invitation,
    Involvement,
    InvolvementDecision,
    Meeting,
    PersonRelation,
    ProportionalityReview,
    Youth,
)
from cases.permissions import (
    TOETS_CASE_FIELDS,
    hidden_history_fields,
    may_hand_over,
    may_read_case_content,
    may_see_assessments,
    may_see_toetsen,
    relation_rows_visible,
    visible_agenda_items,
    visible_case_history,
    visible_contact_history,
    visible_goal_evaluations,
)
from partners.models import Membership, Partner
from partners.permissions import can_see_bsn, partner_of
from pga.history import Change, display_value

# agenda_item: which meeting an agreement or evaluation was made at is shown only on the
# meeting's own pages, which need-to-know per item guards (a partner not invited sees none).
# search_name: derived from the name for search, kept out of the history (cases/search).
# position: the order of agenda items and reference lists, kept by the application; a
# "volgorde 2 → 3" line tells a reader nothing (issue 19).
# Derived copies (search_name, the case's latest_contact_at, open_agreement_due_on and
# area_name) are no change anyone made, and the history does not keep the case's at all.
HIDDEN_FIELDS = {
    "id",
    "version",
    "submission_key",
    "agenda_item",
    "search_name",
    "latest_contact_at",
    "open_agreement_due_on",
    "area_name",
    "position",
}
# On the case's own timeline, pointing back at the case or household says nothing new.
CONTEXT_FIELDS = {"case", "household", "youth"}
MAX_TEXT = 300
# Names of related records whose str() reads another table: fetched with it, one query.
NAMES_WITH = {
    AgendaItem: ("case", "meeting"),
    Goal: ("domain",),
    Involvement: ("partner", "case"),
    ProportionalityReview: ("case",),
}


@dataclass
class Entry:
    at: datetime
    who: str
    kind: str
    subject: str
    action: str  # aangemaakt, gewijzigd, verwijderd
    reason: str
    changes: list = field(default_factory=list)


def _subject_case(row, names):
    return _("Casus")


def _subject_youth(row, names):
    return _("Jongere %(name)s") % {
        "name": " ".join(p for p in (row.first_name, row.name_prefix, row.last_name) if p)
    }


def _subject_household(row, names):
    return row.name


def _subject_member(row, names):
    return _("Gezinslid %(name)s") % {"name": f"{row.first_name} {row.last_name}"}


def _subject_involvement(row, names):
    return _("Betrokkenheid %(partner)s") % {
        "partner": names.get(("partners.partner", row.partner_id), "")
    }


def _subject_intervention(row, names):
    kind = names.get(("cases.interventiontype", row.intervention_type_id), "")
    return _("Interventie %(kind)s") % {"kind": kind}


def _subject_contact(row, names):
    return _("Contactmoment van %(when)s") % {"when": _display_datetime(row.occurred_at)}


def _subject_membership(row, names):
    return _("Lid van jeugdgroep %(group)s") % {
        "group": names.get(("cases.youthgroup", row.youth_group_id), "")
    }


def _subject_assessment(row, names):
    return _("ZRM-meting van %(day)s") % {"day": row.assessed_on.strftime("%d-%m-%Y")}


def _subject_meeting(row, names):
    return _("Casusoverleg van %(when)s") % {"when": _display_datetime(row.starts_at)}


def _subject_agenda_item(row, names):
    return _("Agendapunt in %(meeting)s") % {
        "meeting": names.get(("cases.meeting", row.meeting_id), _("een casusoverleg"))
    }


def _subject_invitation(row, names):
    return _("Uitnodiging %(partner)s voor %(item)s") % {
        "partner": names.get(("partners.partner", row.partner_id), ""),
        "item": names.get(("cases.agendaitem", row.item_id), _("het casusoverleg")),
    }


def _subject_decision(row, names):
    return _("Besluit casusoverleg")


def _subject_goal(row, names):
    return _("Doel %(domain)s") % {
        "domain": names.get(("cases.assessmentdomain", row.domain_id), "").lower()
    }


def _subject_evaluation(row, names):
    return _("Evaluatie van doel %(goal)s (%(day)s)") % {
        "goal": names.get(("cases.goal", row.goal_id), ""),
        "day": row.evaluated_on.strftime("%d-%m-%Y"),
    }


def _subject_agreement(row, names):
    return _("Afspraak met %(partner)s") % {
        "partner": names.get(("partners.partner", row.partner_id), "")
    }


def _subject_insight(row, names):
    about = names.get(("cases.householdmember", row.household_member_id))
    kind = dict(InsightKind.choices).get(row.kind, row.kind)
    if about:
        return _("Inzicht (%(kind)s) over %(who)s") % {"kind": str(kind).lower(), "who": about}
    return _("Inzicht (%(kind)s)") % {"kind": str(kind).lower()}


def _subject_toets(row, names):
    return _("Proportionaliteitstoets van %(day)s") % {"day": row.reviewed_on.strftime("%d-%m-%Y")}


def _subject_toets_decision(row, names):
    return _("Besluit in de proportionaliteitstoets over %(involvement)s") % {
        "involvement": names.get(("cases.involvement", row.involvement_id), "")
    }


def _subject_handover(row, names):
    ground = dict(HandoverGround.choices).get(row.legal_ground, row.legal_ground)
    return _("Opgeschaald naar %(recipient)s (grondslag: %(ground)s)") % {
        "recipient": row.recipient,
        "ground": ground,
    }


def _subject_relation(row, names):
    other = (
        names.get(("cases.youth", row.other_youth_id))
        or names.get(("cases.householdmember", row.adult_id))
        or row.other_person
    )
    return _("Relatie %(youth)s – %(other)s") % {
        "youth": names.get(("cases.youth", row.youth_id), ""),
        "other": other,
    }


def relations_of_youth(user, youth_id) -> Q:
    """History rows of the relations of ``youth_id`` whose other side the user may see."""
    mine = Q(youth_id=youth_id) | Q(other_youth_id=youth_id)
    return mine & relation_rows_visible(user)


def sources(user, case):
    """(key, model, filter on its history rows, subject) for every record the user may see.

    The filter selects history *rows*, not only records: a contact that was restricted and
    later shared shows another organisation only its shared versions, never the restricted
    text as the 'was' of a change (``visible_contact_versions``)."""
    if not may_read_case_content(user, case):
        return own_sources(user, case)
    household_id = case.youth.household_id
    result = [
        ("case", Case, visible_case_history(user, case), _subject_case),
        ("youth", Youth, Q(id=case.youth_id), _subject_youth),
        ("involvement", Involvement, Q(case_id=case.pk), _subject_involvement),
        ("intervention", Intervention, Q(case_id=case.pk), _subject_intervention),
        # The youth's group memberships: a partner who sees the case sees them on its
        # Jeugdgroep tab too (cases.permissions.visible_group_memberships).
        ("membership", GroupMembership, Q(youth_id=case.youth_id), _subject_membership),
    ]
    # The casusoverleg: only the items (and their invitations and decisions) the user sees.
    items = visible_agenda_items(user).filter(case=case).values("pk")
    evaluations = visible_goal_evaluations(user, case).values("pk")
    result += [
        # The meetings the case is on (planned, moved, made final), as far as the user sees.
        ("meeting", Meeting, Q(id__in=items.values("meeting")), _subject_meeting),
        ("agenda_item", AgendaItem, Q(case_id=case.pk, id__in=items), _subject_agenda_item),
        ("invitation", Invitation, Q(item_id__in=items), _subject_invitation),
        ("decision", Decision, Q(item_id__in=items), _subject_decision),
        ("goal", Goal, Q(case_id=case.pk), _subject_goal),
        ("goal_evaluation", GoalEvaluation, Q(id__in=evaluations), _subject_evaluation),
        ("agreement", Agreement, Q(case_id=case.pk), _subject_agreement),
    ]
    result += [
        # Insights about the youth and about a key figure, known through this case.
        ("insight", Insight, Q(case_id=case.pk), _subject_insight),
        ("relation", PersonRelation, relations_of_youth(user, case.youth_id), _subject_relation),
    ]
    if household_id:
        result += [
            ("household", Household, Q(id=household_id), _subject_household),
            ("member", HouseholdMember, Q(household_id=household_id), _subject_member),
        ]
    if may_see_assessments(user):
        result.append(("assessment", Assessment, Q(case_id=case.pk), _subject_assessment))
    if may_see_toetsen(user):
        toetsen = ProportionalityReview.history.filter(case_id=case.pk).values("id")
        result += [
            ("toets", ProportionalityReview, Q(case_id=case.pk), _subject_toets),
            (
                "toets_decision",
                InvolvementDecision,
                Q(review_id__in=toetsen),
                _subject_toets_decision,
            ),
        ]
    if may_hand_over(user):
        result.append(("handover", Handover, Q(case_id=case.pk), _subject_handover))
    result.append(("contact", Contact, visible_contact_history(user, case), _subject_contact))
    return result


def own_sources(user, case):
    """At the 'dat' level the Historie holds what the partner's own organisation is part
    of: its own involvement, the interventions and agreements it carries out, and its own
    contacts; history rows of those records while another organisation held them are left
    out too (the filters are on the rows)."""
    partner = partner_of(user)
    if partner is None:
        return []
    return [
        (
            "involvement",
            Involvement,
            Q(case_id=case.pk, partner_id=partner.pk),
            _subject_involvement,
        ),
        (
            "intervention",
            Intervention,
            Q(case_id=case.pk, responsible_partner_id=partner.pk),
            _subject_intervention,
        ),
        ("agreement", Agreement, Q(case_id=case.pk, partner_id=partner.pk), _subject_agreement),
        ("contact", Contact, visible_contact_history(user, case), _subject_contact),
    ]


# The casusoverleg's own records: the monthly overview has sections of its own for them.
MEETING_KINDS = frozenset(
    {"meeting", "agenda_item", "invitation", "decision", "agreement", "goal_evaluation"}
)


def _keys(user, case, between=None, leave_out=frozenset(), source_list=None):
    """The sources, and one UNION ALL query of (history_id, history_date, kind), newest first.
    ``source_list``: other sources than the case's (the group's Historie)."""
    sources_by_key = {
        key: (model, filters, subject)
        for key, model, filters, subject in (
            source_list if source_list is not None else sources(user, case)
        )
        if key not in leave_out
    }
    if not sources_by_key:
        return {}, Case.history.none().values("history_id", "history_date")
    period = {"history_date__gte": between[0], "history_date__lt": between[1]} if between else {}
    keys = [
        model.history.filter(filters, **period)
        .annotate(timeline_kind=Value(key, output_field=CharField()))
        .values("history_id", "history_date", "timeline_kind")
        .order_by()
        for key, (model, filters, _subject) in sources_by_key.items()
    ]
    union = keys[0].union(*keys[1:], all=True).order_by("-history_date", "-history_id")
    return sources_by_key, union


def timeline_page(
    user, case, page_number, per_page=25, source_list=None, narrow=None, options=False
):
    """A page of the timeline (a django Paginator page whose object_list holds Entries).
    With ``options``: (page, (kinds, organisations)), the Historie filter's choices."""
    narrow = narrow or Narrowing()
    source_list = source_list if source_list is not None else sources(user, case)
    sources_by_key = {
        key: (model, filters, subject) for key, model, filters, subject in source_list
    }
    keys, total, found = _timeline_rows(sources_by_key, narrow, page_number, per_page, options)
    paginator = Paginator([], per_page)
    paginator.count = total  # counted by the same query (a cached_property, set here)
    page = Page([], keys.number, paginator)
    page.object_list = _entries(
        user, keys, sources_by_key, hidden=hidden_history_fields(user, case)
    )
    if not options:
        return page
    kinds = [(key, KIND_LABELS[key]) for key in KIND_LABELS if key in {k for k, *_ in found}]
    names = {made_by: name or MADE_BY_LABELS[made_by] for _kind, made_by, name in found}
    organisations = sorted(names.items(), key=lambda choice: str(choice[1]).casefold())
    return page, (kinds, organisations)


class _Keys(list):
    """The page's (history_id, history_date, timeline_kind) rows, and the page's number."""

    number = 1


def _timeline_rows(sources_by_key, narrow, page_number, per_page, options):
    """One query for the whole Historie page: the UNION ALL of the visible history rows of
    every source (read once), the page of it the filter selects with the filter's count, and
    with ``options`` the distinct (kind, organisation, name) of all of them. Compiling three
    unions of twenty sources cost more than running them. Each key carries the history_id
    of the visible row of the same record just before it (``previous_id``): what the entry
    is compared with, whatever the filter. Returns (keys, count, options).
    A page number past the end (or below 1) costs a second and third query: the count, then
    the last page; one that is not a number is the first page."""
    try:
        number = min(max(1, int(page_number or 1)), 10**6)
    except (TypeError, ValueError):
        number = 1
    if not sources_by_key:
        return _Keys(), 0, set()
    parts = [
        model.history.filter(filters)
        .annotate(timeline_kind=Value(key, output_field=CharField()))
        .values("history_id", "history_date", "timeline_kind", "history_user_id", "id")
        .order_by()
        for key, (model, filters, _subject) in sources_by_key.items()
    ]
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    union_sql, union_params = union.query.get_compiler(using=union.db).as_sql()
    quote = connection.ops.quote_name
    marked = (
        f"WITH timeline_rows AS ({union_sql}), marked AS ("
        " SELECT r.history_id, r.history_date, r.timeline_kind,"
        " LAG(r.history_id) OVER (PARTITION BY r.timeline_kind, r.id"
        " ORDER BY r.history_date, r.history_id) AS previous_id,"
        f" CASE WHEN r.history_user_id IS NULL THEN '{SYSTEM}'"
        f" WHEN m.id IS NULL THEN '{MUNICIPALITY}'"
        " ELSE CAST(m.partner_id AS TEXT) END AS made_by,"
        " p.name AS made_by_name"
        f" FROM timeline_rows r LEFT JOIN {quote(Membership._meta.db_table)} m"
        " ON m.user_id = r.history_user_id"
        f" LEFT JOIN {quote(Partner._meta.db_table)} p ON p.id = m.partner_id)"
    )
    where, where_params = ["1 = 1"], []
    if narrow.kind:
        where.append("timeline_kind = %s")
        where_params.append(narrow.kind)
    if narrow.made_by:
        where.append("made_by = %s")
        where_params.append(narrow.made_by)
    where_sql = " AND ".join(where)

    def fetch(number, options):
        sql = (
            f"{marked} SELECT * FROM (SELECT 0 AS part, history_id, history_date,"
            " timeline_kind, previous_id, NULL AS made_by, NULL AS made_by_name,"
            " COUNT(*) OVER () AS total"
            f" FROM marked WHERE {where_sql}"
            " ORDER BY history_date DESC, history_id DESC LIMIT %s OFFSET %s) page_rows"
        )
        params = [*union_params, *where_params, per_page, (number - 1) * per_page]
        if options:
            sql += (
                # Grouped rather than DISTINCT with NULLs: each column keeps its type.
                " UNION ALL SELECT * FROM (SELECT 1, 0, MIN(history_date), timeline_kind,"
                " 0, made_by, made_by_name, COUNT(*) FROM marked"
                " GROUP BY timeline_kind, made_by, made_by_name) option_rows"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def page_of(rows, number):
        keys = _Keys(
            {"history_id": r[1], "history_date": r[2], "timeline_kind": r[3], "previous_id": r[4]}
            for r in sorted(
                (r for r in rows if r[0] == 0), key=lambda r: (r[2], r[1]), reverse=True
            )
        )
        keys.number = number
        return keys

    rows = fetch(number, options)
    keys = page_of(rows, number)
    found = {(r[3], r[5], r[6]) for r in rows if r[0] == 1}
    if keys or number == 1:
        return keys, max((r[7] for r in rows if r[0] == 0), default=0), found
    # Past the end: the last page, as Django's Paginator.get_page gives.
    with connection.cursor() as cursor:
        cursor.execute(
            f"{marked} SELECT COUNT(*) FROM marked WHERE {where_sql}",
            [*union_params, *where_params],
        )
        total = cursor.fetchone()[0]
    if total == 0:
        return page_of([], 1), 0, found
    last = -(-total // per_page)
    return page_of(fetch(last, False), last), total, found


# What the Historie can be filtered on: the kinds of record the timeline merges.
KIND_LABELS = {
    "case": _("Casus"),
    "youth": _("Jongere"),
    "household": _("Huishouden"),
    "member": _("Gezinsleden"),
    "involvement": _("Betrokkenheden"),
    "intervention": _("Interventies"),
    "membership": _("Lidmaatschap van jeugdgroepen"),
    "meeting": _("Casusoverleggen"),
    "agenda_item": _("Agendapunten"),
    "invitation": _("Uitnodigingen voor overleg"),
    "decision": _("Besluiten in overleg"),
    "goal": _("Doelen"),
    "goal_evaluation": _("Evaluaties van doelen"),
    "agreement": _("Afspraken"),
    "insight": _("Inzichten"),
    "relation": _("Relaties"),
    "assessment": _("ZRM-metingen"),
    "toets": _("Proportionaliteitstoetsen"),
    "toets_decision": _("Besluiten in proportionaliteitstoetsen"),
    "handover": _("Opschalingen"),
    "contact": _("Contactmomenten"),
}
# Who made a change, as an organisation: a partner's id, or one of these.
MUNICIPALITY, SYSTEM = "gemeente", "systeem"
MADE_BY_LABELS = {
    MUNICIPALITY: _("Gemeente, PGA-team"),
    SYSTEM: _("Systeem (automatische taak)"),
}
HISTORY_PAGE_SIZE = 25


@dataclass(frozen=True)
class Narrowing:
    kind: str = ""
    made_by: str = ""


class HistoryFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort gegeven"), required=False)
    organisatie = forms.ChoiceField(label=_("Gewijzigd door (organisatie)"), required=False)

    def __init__(self, *args, kinds, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alle"))] + kinds
        self.fields["organisatie"].choices = [("", _("Alle"))] + organisations

    def narrowing(self) -> Narrowing:
        if not self.is_valid():
            return Narrowing()
        return Narrowing(self.cleaned_data["soort"], self.cleaned_data["organisatie"])


def history_tab(user, case, params) -> dict:
    """The Historie tab: the filter (its options from the user's own timeline), and a page
    of the entries it selects, in one query (``_timeline_rows``). The filter is checked
    against its options only after that query: one not among them (an organisation that
    made no change the user sees, a hand-made URL) shows every entry, with the form's error,
    at the cost of a second query."""
    given = any(params.get(name) for name in HistoryFilterForm.base_fields)
    asked = (
        Narrowing(params.get("soort", "")[:40], params.get("organisatie", "")[:40])
        if given
        else Narrowing()
    )

    def page_for(narrow):
        return timeline_page(
            user, case, params.get("pagina"), HISTORY_PAGE_SIZE, narrow=narrow, options=True
        )

    page, (kinds, organisations) = page_for(asked)
    form = HistoryFilterForm(params if given else None, kinds=kinds, organisations=organisations)
    if form.narrowing() != asked:
        page, _options = page_for(form.narrowing())
    return {"entries": page.object_list, "page": page, "history_filters": form}


def url_without_empty_filters(request) -> str | None:
    """The same page without its empty parameters, or None when it has none (a GET form
    sends every field, set or not)."""
    query = request.GET.copy()
    empty = [key for key, value in query.items() if value == ""]
    if not empty:
        return None
    for key in empty:
        del query[key]
    return f"{request.path}?{query.urlencode()}" if query else request.path


def entry_count(user, case) -> int:
    """How many entries the user's timeline of the case holds (one COUNT over the UNION)."""
    return _keys(user, case)[1].count()


def timeline_between(
    user, case, start, end, limit=200, staff=None, leave_out=frozenset(), source_list=None
):
    """The entries from ``start`` up to ``end`` (datetimes), newest first, at most ``limit``.
    ``staff``: how to name a staff member (default: their name; the AVG export names them
    by role and organisation). ``leave_out``: kinds of record not to list (MEETING_KINDS)."""
    sources_by_key, union = _keys(
        user, case, between=(start, end), leave_out=leave_out, source_list=source_list
    )
    return _entries(
        user,
        list(union[:limit]),
        sources_by_key,
        staff=staff,
        hidden=hidden_history_fields(user, case),
    )


def _entries(user, keys, sources_by_key, staff=None, hidden=({}, ())):
    """``hidden``: ({kind: fields}, related models) the user may not read in these rows
    (``cases.permissions.hidden_history_fields``)."""
    hidden_fields, hidden_models = hidden
    rows = {}
    previous = {}
    for kind, (model, filters, _subject) in sources_by_key.items():
        ids = [k["history_id"] for k in keys if k["timeline_kind"] == kind]
        if not ids:
            continue
        if all("previous_id" in k for k in keys):  # the Historie page knows them
            page_rows, predecessors = _rows_by_id(model, keys, kind)
        else:
            page_rows, predecessors = _rows_and_predecessors(model, ids, filters)
        rows.update({(kind, r.history_id): r for r in page_rows})
        previous.update({(kind, current): row for current, row in predecessors.items()})
    names = _related_names(
        sources_by_key, list(rows.values()) + list(previous.values()), staff=staff
    )
    show_bsn = can_see_bsn(user)
    toets_fields = frozenset() if may_see_toetsen(user) else TOETS_CASE_FIELDS
    themes = _themes_of(list(rows.values()) + list(previous.values()))
    entries = []
    for key in keys:
        kind = key["timeline_kind"]
        row = rows[(kind, key["history_id"])]
        model, _filters, subject = sources_by_key[kind]
        before = previous.get((kind, row.history_id))
        changes = _changes(
            model,
            before,
            row,
            names,
            show_bsn,
            skip=hidden_fields.get(kind, frozenset()) | toets_fields,
            skip_models=hidden_models,
        )
        changes += _theme_change(themes, model, before, row)
        entries.append(
            Entry(
                at=row.history_date,
                who=(staff or _who)(row.history_user),
                kind=kind,
                subject=subject(row, names),
                action={"+": _("aangemaakt"), "-": _("verwijderd")}.get(
                    row.history_type, _("gewijzigd")
                ),
                reason=row.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def _themes_of(history_rows) -> dict:
    """{(model, history_id): theme names} for history rows of records with themes (an
    insight, a group goal or intervention): one query per such model. Only the themes: the
    insights a goal links to are shown where the reader may see them, not here."""
    wanted, snapshots = {}, {}
    for row in history_rows:
        model = type(row).instance_type
        if "themes" in {f.name for f in getattr(row, "_history_m2m_fields", [])}:
            wanted.setdefault(model, []).append(row.history_id)
            snapshots[model] = row.themes.model  # the m2m snapshot table of that history
    found = {}
    for model, ids in wanted.items():
        snapshot = snapshots[model]
        for history_id, name in snapshot.objects.filter(history_id__in=ids).values_list(
            "history_id", "theme__name"
        ):
            found.setdefault((model, history_id), []).append(name)
    return {key: ", ".join(sorted(names)) for key, names in found.items()}


def _theme_change(themes, model, before, row) -> list:
    if row.history_type == "-" or "themes" not in {
        f.name for f in getattr(row, "_history_m2m_fields", [])
    }:
        return []
    new = themes.get((model, row.history_id), "")
    old = themes.get((model, before.history_id), "") if before is not None else ""
    if new == old:
        return []
    return [Change(_("thema's"), old if before is not None else "", new or "—")]


def _rows_by_id(model, keys, kind):
    """The history rows of ``keys`` of this kind and of the rows before them (whose ids the
    keys carry, from rows the user may see): one query by primary key."""
    mine = [k for k in keys if k["timeline_kind"] == kind]
    before = {k["previous_id"]: k["history_id"] for k in mine if k["previous_id"] is not None}
    fetched = {
        row.history_id: row
        for row in model.history.filter(
            history_id__in={k["history_id"] for k in mine} | set(before)
        ).select_related("history_user")
    }
    page_rows = [fetched[k["history_id"]] for k in mine]
    return page_rows, {current: fetched[previous] for previous, current in before.items()}


def _rows_and_predecessors(model, ids, filters):
    """The history rows ``ids`` and, for each, the row of the same record just before it
    among the rows the user may see (``filters``), in one query: LEAD() over each record's
    visible history marks the rows whose successor is on the page, so only the page's rows
    and their predecessors are read."""
    wanted = set(ids)
    rows = list(
        model.history.filter(filters)
        .filter(id__in=model.history.filter(history_id__in=ids).values("id"))
        .annotate(
            next_id=Window(
                Lead("history_id"),
                partition_by=[F("id")],
                order_by=[F("history_date").asc(), F("history_id").asc()],
            )
        )
        .filter(Q(history_id__in=ids) | Q(next_id__in=ids))
        .select_related("history_user")
    )
    page_rows = [r for r in rows if r.history_id in wanted]
    predecessors = {r.next_id: r for r in rows if r.next_id in wanted}
    return page_rows, predecessors


def _related_names(sources_by_key, history_rows, staff=None):
    """{(model label, pk): str} for every foreign key value shown, one query per model."""
    wanted = {}
    shown = {}  # model → the relation fields _changes shows
    for model, _filters, _subject in sources_by_key.values():
        shown[model] = {
            f.attname
            for f in model._meta.concrete_fields
            if f.is_relation and f.name not in HIDDEN_FIELDS and not _is_context(model, f)
        }
        for f in model._meta.concrete_fields:
            if f.attname in shown[model]:
                wanted.setdefault(f.related_model, set())
    for row in history_rows:
        model = type(row).instance_type
        for f in model._meta.concrete_fields:
            if f.is_relation and f.attname in shown.get(model, ()):
                value = getattr(row, f.attname, None)
                if value is not None and f.related_model in wanted:
                    wanted[f.related_model].add(value)
    names = {}
    for related, ids in wanted.items():
        if not ids:
            continue
        for obj in related._default_manager.filter(pk__in=ids).select_related(
            *NAMES_WITH.get(related, ())
        ):
            if staff is not None and hasattr(obj, "get_full_name"):
                names[(related._meta.label_lower, obj.pk)] = staff(obj)
                continue
            label = obj.get_full_name() if hasattr(obj, "get_full_name") else str(obj)
            names[(related._meta.label_lower, obj.pk)] = label or getattr(obj, "username", str(obj))
    return names


def _is_context(model, f) -> bool:
    # A relation and a membership name their youth: the group's Historie shows several.
    return f.name in CONTEXT_FIELDS and model not in (Case, Youth, PersonRelation, GroupMembership)


def _changes(model, before, row, names, show_bsn, skip=frozenset(), skip_models=()):
    if row.history_type == "-":
        return []
    changes = []
    for f in model._meta.concrete_fields:
        if f.name in HIDDEN_FIELDS or f.name in skip or _is_context(model, f):
            continue
        if f.is_relation and f.related_model in skip_models:
            continue
        new = getattr(row, f.attname)
        old = getattr(before, f.attname) if before is not None else None
        if before is not None and old == new:
            continue
        # A new record lists what was filled in; a no that answers a question (a boolean
        # without a default, as in a toets) is filled in too.
        if before is None and (new in (None, "") or (new is False and f.has_default())):
            continue
        changes.append(
            Change(
                str(f.verbose_name),
                _display(f, old, names, show_bsn) if before is not None else "",
                _display(f, new, names, show_bsn),
            )
        )
    return changes


def _display(f, value, names, show_bsn):
    if f.name == "bsn" and not show_bsn and value not in (None, ""):
        return _("(afgeschermd)")
    return display_value(
        f,
        value,
        name_of=lambda model, pk: names.get((model._meta.label_lower, pk), f"#{pk}"),
        max_text=MAX_TEXT,
    )


def _display_datetime(value):
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")


def _who(user):
    if user is None:
        return _("systeem")
    return user.get_full_name() or user.get_username()
