"""City-scale synthetic data, fast: bulk inserts, each with its history rows and grants.

``bulk_create`` writes no history (a django-simple-history trap), so every insert goes
through ``bulk_create_with_history`` with the real author and moment on each row, and every
later change (a status step, a finished intervention, a corrected contact) gets its own
``~`` history row. Grants are made for exactly the active involvements, so
``sync_all_case_grants`` finds nothing to change afterwards (tests/test_bench_seed.py).

All names and numbers are made up; the BSNs come from a range no real person has.
"""

import hashlib
import random
import sys
import time
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.utils import bulk_create_with_history, get_history_model_for_model

from cases.models import (
    DIRECTED_KINDS,
    AgendaItem,
    Agreement,
    AgreementStatus,
    Assessment,
    AssessmentDomain,
    AssessmentScore,
    Attendance,
    Case,
    CaseGroupObjectPermission,
    CaseStatus,
    ClosureReason,
    Contact,
    ContactKind,
    ContactVisibility,
    ContactWith,
    Decision,
    DecisionKind,
    District,
    Goal,
    GoalEvaluation,
    GoalOutcome,
    GroupGoal,
    GroupIntervention,
    GroupInterventionKind,
    GroupMembership,
    GroupPhase,
    GroupPhaseStep,
    GroupReading,
    GroupRole,
    Household,
    HouseholdMember,
    Insight,
    InsightKind,
    InsightSource,
    Intervention,
    InterventionStatus,
    InterventionType,
    Invitation,
    Involvement,
    InvolvementRole,
    LegalBasis,
    Meeting,
    MeetingKind,
    PersonRelation,
    Priority,
    Relation,
    RelationKind,
    Theme,
    Youth,
    YouthGroup,
)
from cases.models.people import refresh_area_name
from cases.models.plan import refresh_open_agreement_due
from cases.models.work import refresh_latest_contact
from cases.permissions import _partner_permissions
from cases.search.keys import youth_search_name
from cases.validators import bsn_passes_eleven_test
from partners.models import Membership, MembershipRole, Partner, PartnerKind
from partners.services import group_name_for
from pga.models import AccessAction, AccessLog, AccessResult

User = get_user_model()

PASSWORD = "bench-PGA-2026"
BATCH = 2000
REASON = "Benchmark: synthetische gegevens"
# Partners involved at the 'dat' level (docs/privacy.md): they need to know that a case
# exists and who is involved, not its content; the others work on the plan ('wat').
DAT_KINDS = frozenset({PartnerKind.LEERPLICHT, PartnerKind.WONINGCORPORATIE, PartnerKind.SCHOOL})


@dataclass(frozen=True)
class Scale:
    cases: int = 3000
    partners: int = 60
    users: int = 300
    contacts: int = 150_000
    interventions: int = 12_000
    assessments: int = 6_000
    coordinators: int = 20
    # The large case's Historie tab holds exactly this many entries for a coordinator.
    large_case_history: int = 500
    large_case_contacts: int = 330
    # The group approach (issue 17): the group the benchmark times.
    group_members: int = 25
    group_relations: int = 80
    group_insights: int = 300

    def times(self, factor: int) -> "Scale":
        """``factor`` × the city: more cases, partners, people and records of every kind;
        the one large case and the timed group stay the same size (they are what a page
        shows, not what the city holds)."""
        if factor < 1:
            raise ValueError("De schaal is een geheel getal van 1 of meer.")
        grown = ("cases", "users", "contacts", "interventions", "assessments", "coordinators")
        return replace(
            self,
            **{name: getattr(self, name) * factor for name in grown},
            # A region's organisations each serve more cases: partners grow half as fast
            # (300 at 10×, as the issue that asked for this measured).
            partners=self.partners * max(1, factor // 2),
        )


CITY = Scale()


def totp_key(username: str) -> str:
    """A fixed, made-up TOTP secret per benchmark account, so the load test can log in."""
    return hashlib.sha1(f"pga-bench-{username}".encode()).hexdigest()


# --- progress --------------------------------------------------------------------------


class Progress:
    """One bar over all steps, weighted by the rows each writes."""

    WIDTH = 30

    def __init__(self, total: int, stream=None, quiet=False):
        self.total = max(total, 1)
        self.done = 0
        self.started = time.perf_counter()
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self.last_tenth = -1

    def advance(self, rows: int, label: str) -> None:
        self.done = min(self.done + rows, self.total)
        if self.quiet:
            return
        share = self.done / self.total
        filled = int(share * self.WIDTH)
        line = (
            f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%} "
            f"{label:<28} {time.perf_counter() - self.started:6.1f} s"
        )
        if self.tty:
            self.stream.write("\r" + line)
            self.stream.flush()
        elif int(share * 10) != self.last_tenth:
            self.last_tenth = int(share * 10)
            self.stream.write(line + "\n")

    def finish(self) -> float:
        elapsed = time.perf_counter() - self.started
        if self.tty and not self.quiet:
            self.stream.write("\n")
        return elapsed


# --- helpers ---------------------------------------------------------------------------


def aware(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(hour=hour, minute=minute)))


def stamped(obj, *, by, at, reason=REASON):
    """What bulk_create_with_history writes on the object's '+' history row."""
    obj._history_user = by
    obj._history_date = at
    obj._change_reason = reason
    return obj


def history_row(obj, *, kind, by, at, reason, **values):
    """A history row for a later change ('~') or removal: the record as it was then."""
    model = get_history_model_for_model(type(obj))
    fields = {f.attname: getattr(obj, f.attname) for f in model.tracked_fields}
    fields.update(values)
    return model(
        history_date=at,
        history_user_id=by.pk if by else None,
        history_change_reason=reason,
        history_type=kind,
        **fields,
    )


class Writer:
    """Bulk inserts with history, in batches, reporting rows to the progress bar."""

    def __init__(self, progress: Progress):
        self.progress = progress

    def create(self, model, objs, label):
        created = []
        for start in range(0, len(objs), BATCH):
            chunk = objs[start : start + BATCH]
            created += bulk_create_with_history(chunk, model, batch_size=BATCH)
            self.progress.advance(2 * len(chunk), label)
        return created

    def plain(self, model, objs, label):
        """Rows without history of their own (m2m rows, devices, the access log)."""
        for start in range(0, len(objs), BATCH):
            chunk = objs[start : start + BATCH]
            model.objects.bulk_create(chunk, batch_size=BATCH)
            self.progress.advance(len(chunk), label)

    def history(self, rows, label):
        by_model = {}
        for row in rows:
            by_model.setdefault(type(row), []).append(row)
        for model, items in by_model.items():
            for start in range(0, len(items), BATCH):
                chunk = items[start : start + BATCH]
                model.objects.bulk_create(chunk, batch_size=BATCH)
                self.progress.advance(len(chunk), label)


# --- names -----------------------------------------------------------------------------

FIRST_NAMES = (
    "Mohamed Noah Daan Sem Liam Lucas Finn Levi Milan Bram Jayden Ryan Mats Yusuf Adam Ayoub "
    "Omar Ilias Dylan Kevin Jordy Rayan Zakaria Nassim Sven Thijs Luuk Jesse Stefan Amir "
    "Emma Julia Sara Fenna Lina Nora Yasmina Aya Salma Kim Naomi Chelsea Shanice Lisa Ilse"
).split()
LAST_NAMES = (
    "Jansen de-Vries van-den-Berg Bakker Visser Smit Meijer de-Boer Mulder de-Groot Bos Vos "
    "Peters Hendriks van-Leeuwen Dekker Brouwer de-Wit Dijkstra Smits de-Graaf van-der-Meer "
    "El-Amrani Bouzid Yilmaz Kaya Demir Martina Rosario Pinas Tahiri Ouali Benali Aydin "
    "Celik Sahin Koster Prins Huisman Kok Verbeek Willems Maas Schouten Post Kuijpers"
).split()
PREFIXES = {"de", "van", "den", "der", "van-den", "van-der"}
STREETS = (
    "Dorpsweg Wolphaertsbocht Pleinweg Boergoensevliet Mijnsherenlaan Strevelsweg "
    "Slinge Groene-Hilledijk Beijerlandselaan Putselaan Vuurplaat Kiefhoek"
).split()
CONTACT_LINES = [
    "Gesprek over school en dagbesteding; jongere komt afspraken redelijk na.",
    "Huisbezoek samen met de wijkagent; moeder maakt zich zorgen over de vrienden.",
    "Jongere aangesproken op straat bij het winkelcentrum, rustig gesprek.",
    "Telefonisch contact met moeder over het schoolverzuim van deze week.",
    "Overleg met leerplicht over het verzuim en de mogelijke herplaatsing.",
    "Jongere was niet thuis; briefje achtergelaten, morgen opnieuw.",
    "Gesprek over de taakstraf; jongere heeft de uren inmiddels gemaakt.",
    "Zorgen over middelengebruik besproken; jongere staat open voor hulp.",
    "Schoolbezoek: mentor meldt betere aanwezigheid, cijfers blijven laag.",
    "Detentiebezoek: terugkeer besproken, afspraken over woonplek en school.",
]
FOLLOW_UPS = ["", "", "Over twee weken opnieuw langs.", "Terugkoppeling in het casusoverleg."]

# How likely a case involves a partner of each kind, and how many employees a partner of
# that kind has in the product (the police is one big organisation, schools are small).
KIND_WEIGHTS = {
    PartnerKind.POLITIE: (0.85, 12),
    PartnerKind.WIJKTEAM: (0.65, 2),
    PartnerKind.JEUGDBESCHERMING: (0.5, 4),
    PartnerKind.LEERPLICHT: (0.45, 3),
    PartnerKind.JONGERENWERK: (0.4, 2),
    PartnerKind.OM: (0.35, 4),
    PartnerKind.SCHOOL: (0.3, 1),
    PartnerKind.RAAD_KINDERBESCHERMING: (0.2, 3),
    PartnerKind.ZORGAANBIEDER: (0.2, 1),
    PartnerKind.WONINGCORPORATIE: (0.15, 1),
    PartnerKind.RECLASSERING: (0.1, 2),
    PartnerKind.HALT: (0.1, 2),
    PartnerKind.VEILIG_THUIS: (0.1, 2),
    PartnerKind.GGD: (0.05, 2),
}


def partner_specs(count: int, districts: list[str]) -> list[tuple[str, str]]:
    """``count`` organisations, the ones every city has first."""
    first = [
        ("Gemeente — Directie Veiligheid", PartnerKind.GEMEENTE),
        ("Politie Eenheid Rotterdam", PartnerKind.POLITIE),
        ("Jeugdbescherming Rotterdam Rijnmond", PartnerKind.JEUGDBESCHERMING),
        ("Leerplicht Rotterdam", PartnerKind.LEERPLICHT),
        ("Openbaar Ministerie Rotterdam", PartnerKind.OM),
        ("Raad voor de Kinderbescherming", PartnerKind.RAAD_KINDERBESCHERMING),
        ("Halt Rotterdam", PartnerKind.HALT),
        ("Veilig Thuis Rotterdam Rijnmond", PartnerKind.VEILIG_THUIS),
        ("GGD Rotterdam-Rijnmond", PartnerKind.GGD),
        ("Reclassering Nederland", PartnerKind.RECLASSERING),
        ("William Schrikker Stichting", PartnerKind.JEUGDBESCHERMING),
        ("Leger des Heils Jeugdbescherming & Reclassering", PartnerKind.JEUGDBESCHERMING),
        ("Verslavingsreclassering GGZ", PartnerKind.RECLASSERING),
        ("RMC Rotterdam-Rijnmond", PartnerKind.LEERPLICHT),
    ]
    more = [(f"Wijkteam {d}", PartnerKind.WIJKTEAM) for d in districts]
    more += [
        (f"Jongerenwerk {n}", PartnerKind.JONGERENWERK) for n in ("Zuid", "Noord", "West", "Oost")
    ]
    more += [(f"Woningcorporatie {n}", PartnerKind.WONINGCORPORATIE) for n in "ABCDE"]
    more += [(f"Scholengroep {n}", PartnerKind.SCHOOL) for n in range(1, 11)]
    specs = first + more
    n = 1
    while len(specs) < count:
        specs.append((f"Zorgaanbieder {n}", PartnerKind.ZORGAANBIEDER))
        n += 1
    return specs[:count]


def bsn_numbers():
    """9-digit numbers from a range no real person has, each passing the 11-proef."""
    candidate = 990_000_000
    while True:
        candidate += 1
        if bsn_passes_eleven_test(str(candidate)):
            yield str(candidate)


# --- the seed --------------------------------------------------------------------------


@dataclass
class Seeded:
    large_case_id: int
    coordinator_ids: list
    partner_user_ids: list
    seconds: float
    # The casusoverleg the benchmark times (TIMED_MEETING_ITEMS items, ..._AGREEMENTS).
    meeting_id: int | None = None
    # The group approach (issue 17): the group the benchmark times, a small one to compare
    # its query counts with, and the partner whose employee sees some of its members.
    large_group_id: int | None = None
    small_group_id: int | None = None
    group_partner_id: int | None = None


def estimated_rows(scale: Scale) -> int:
    involvements = int(scale.cases * 4.5)
    return (
        2
        * (
            scale.partners
            + scale.users * 2
            + scale.cases * 4
            + involvements * 2
            + scale.interventions
            + scale.contacts
            + scale.assessments * 14
        )
        + scale.cases * 3
        + scale.interventions
        + scale.contacts // 10
        # A year of casusoverleg: ~8 discussions per running case (a fifth of the cases),
        # each an item, invitations, agreements and their history rows.
        + scale.cases * 50
        # The groups of the group approach, their history and m2m rows.
        + 4 * (scale.group_members + scale.group_relations + scale.group_insights * 3)
    )


@transaction.atomic
def seed(scale: Scale = CITY, *, today=None, quiet=False, rng_seed=2026) -> Seeded:
    """Fill an empty, migrated database. Returns what the measurements need to know."""
    today = today or timezone.localdate()
    now = timezone.now()
    rng = random.Random(rng_seed)
    progress = Progress(estimated_rows(scale), quiet=quiet)
    write = Writer(progress)

    system = User.objects.create(username="bench-loader", first_name="Benchmark", is_active=False)
    districts = list(District.objects.filter(is_active=True))
    types = list(InterventionType.objects.filter(is_active=True))
    domains = list(AssessmentDomain.objects.filter(is_active=True))
    start_of_history = aware(today - timedelta(days=6 * 365))

    # Partners, each with its own group (what save_partner does, in bulk).
    specs = partner_specs(scale.partners, [d.name for d in districts])
    groups = Group.objects.bulk_create([Group(name=group_name_for(name)) for name, _ in specs])
    partners = write.create(
        Partner,
        [
            stamped(
                Partner(name=name, kind=kind, group=group, email=f"pga-{i}@example.org"),
                by=system,
                at=start_of_history,
            )
            for i, ((name, kind), group) in enumerate(zip(specs, groups, strict=True))
        ],
        "ketenpartners",
    )
    gemeente = partners[0]
    chain = [p for p in partners if p.kind != PartnerKind.GEMEENTE]
    by_kind = {}
    for partner in chain:
        by_kind.setdefault(partner.kind, []).append(partner)

    # Accounts: two for functioneel beheer, the coordinators, the rest at the partners.
    password = make_password(PASSWORD)
    employees_wanted = scale.users - scale.coordinators - 2
    weights = [KIND_WEIGHTS.get(p.kind, (0.1, 1))[1] for p in chain]
    seats = [1] * len(chain)
    for index in rng.choices(range(len(chain)), weights=weights, k=employees_wanted - len(chain)):
        seats[index] += 1
    account_specs = [("beheer", None, "beheer"), ("beheer2", None, "beheer")]
    account_specs += [
        (f"coordinator{n:02d}", gemeente, "coordinator") for n in range(1, scale.coordinators + 1)
    ]
    for partner, n in zip(chain, seats, strict=True):
        account_specs += [(f"p{partner.pk}-{k:02d}", partner, "employee") for k in range(1, n + 1)]
    users = write.create(
        User,
        [
            stamped(
                User(
                    username=username,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES).replace("-", " "),
                    email=f"{username}@example.org",
                    password=password,
                    # Coordinators may open the read-only case data in /beheer/.
                    is_staff=role in ("beheer", "coordinator"),
                ),
                by=system,
                at=start_of_history,
            )
            for username, _partner, role in account_specs
        ],
        "accounts",
    )
    coordinators_group = Group.objects.get(name=settings.COORDINATORS_GROUP)
    administrators = Group.objects.get(name=settings.ADMINISTRATORS_GROUP)
    through = User.groups.through
    group_rows, memberships, coordinators = [], [], []
    employees = {}
    for user, (_username, partner, role) in zip(users, account_specs, strict=True):
        if role == "beheer":
            group_rows.append(through(user_id=user.pk, group_id=administrators.pk))
            continue
        if role == "coordinator":
            coordinators.append(user)
            group_rows.append(through(user_id=user.pk, group_id=coordinators_group.pk))
        else:
            employees.setdefault(partner.pk, []).append(user)
        group_rows.append(through(user_id=user.pk, group_id=partner.group_id))
        memberships.append(
            stamped(
                Membership(
                    user=user,
                    partner=partner,
                    role=MembershipRole.MEDEWERKER,
                    job_title="Procescoördinator PGA" if role == "coordinator" else "Medewerker",
                ),
                by=system,
                at=start_of_history,
            )
        )
    write.plain(through, group_rows, "groepen")
    write.create(Membership, memberships, "lidmaatschappen")
    write.plain(
        TOTPDevice,
        [
            TOTPDevice(user=u, name="Benchmark-app", key=totp_key(u.username), confirmed=True)
            for u in users
        ],
        "authenticators",
    )

    # Youths, households, groups.
    bsns = bsn_numbers()
    registered = sorted(
        (today - timedelta(days=rng.randint(0, 5 * 365)) for _ in range(scale.cases)), reverse=True
    )
    large_index = min(range(len(registered)), key=lambda i: abs((today - registered[i]).days - 730))
    households, youths = [], []
    household_of = []
    for i, day in enumerate(registered):
        district = rng.choice(districts)
        last = rng.choice(LAST_NAMES)
        prefix, _, rest = last.rpartition("-") if last.split("-")[0] in PREFIXES else ("", "", last)
        household = None
        if i == large_index or rng.random() < 0.8:
            household = stamped(
                Household(
                    name=f"Huishouden {rest}",
                    street=rng.choice(STREETS).replace("-", " "),
                    house_number=str(rng.randint(1, 250)),
                    postcode=f"30{rng.randint(70, 89)} {rng.choice('ABCDEFGHJK')}{rng.choice('ABCDEFGHJK')}",
                    city="Rotterdam",
                    district=district,
                ),
                by=system,
                at=aware(day, 9),
            )
            households.append(household)
        household_of.append(household)
        first_name = rng.choice(FIRST_NAMES)
        youths.append(
            stamped(
                Youth(
                    first_name=first_name,
                    name_prefix=prefix.replace("-", " "),
                    last_name=rest,
                    # bulk_create skips Youth.save(), which keeps the search key elsewhere.
                    search_name=youth_search_name(first_name, prefix, rest),
                    date_of_birth=day - timedelta(days=rng.randint(12 * 365, 22 * 365)),
                    bsn=next(bsns) if rng.random() < 0.8 else None,
                    # In a household, the household's address holds; else the youth's own.
                    city="Rotterdam" if household is None else "",
                    district=district if household is None else None,
                    daytime_activity=rng.choice(["VMBO 3", "MBO 1", "Geen", "Praktijkonderwijs"]),
                ),
                by=system,
                at=aware(day, 9),
            )
        )
    households = write.create(Household, households, "huishoudens")
    for youth, household in zip(youths, household_of, strict=True):
        youth.household = household
    youths = write.create(Youth, youths, "jongeren")
    members = []
    for youth, household, day in zip(youths, household_of, registered, strict=True):
        if household is None:
            continue
        count = 6 if youth is youths[large_index] else rng.choice([1, 2, 2, 3])
        relations = [
            Relation.MOEDER,
            Relation.VADER,
            Relation.ZUS,
            Relation.BROER,
            Relation.GROOTOUDER,
            Relation.STIEFOUDER,
        ]
        for n in range(count):
            members.append(
                stamped(
                    HouseholdMember(
                        household=household,
                        first_name=rng.choice(FIRST_NAMES),
                        last_name=youth.last_name,
                        relation=relations[n],
                        is_key_figure=n == 0,
                    ),
                    by=system,
                    at=aware(day, 9, 5),
                )
            )
    write.create(HouseholdMember, members, "gezinsleden")
    youth_groups = write.create(
        YouthGroup,
        [
            stamped(
                YouthGroup(name=f"Groep {rng.choice(STREETS)} {n}", district=rng.choice(districts)),
                by=system,
                at=start_of_history,
            )
            for n in range(1, max(scale.cases // 30, 1) + 1)
        ],
        "jeugdgroepen",
    )
    group_members = []
    for i, (youth, day) in enumerate(zip(youths, registered, strict=True)):
        if i == large_index or rng.random() < 0.25:
            group_members.append(
                stamped(
                    GroupMembership(
                        youth_group=youth_groups[i % len(youth_groups)],
                        youth=youth,
                        role=rng.choice(list(GroupRole)),
                        since_on=day,
                    ),
                    by=system,
                    at=aware(day, 9, 10),
                )
            )
    write.create(GroupMembership, group_members, "groepsleden")

    # Cases and their status steps.
    cases, case_history, plans = [], [], []
    numbers = {}
    for i, (youth, day) in enumerate(zip(youths, registered, strict=True)):
        plan = _case_plan(rng, today, day, large=i == large_index)
        plans.append(plan)
        numbers[day.year] = numbers.get(day.year, 0) + 1
        coordinator = rng.choice(coordinators)
        case = Case(
            number=f"PGA-{day.year}-{numbers[day.year]:04d}",
            youth=youth,
            coordinator=coordinator,
            status=plan["status"],
            priority=rng.choices(list(Priority), weights=[2, 5, 3])[0],
            priority_rationale="Meerdere incidenten en zorgen over de thuissituatie.",
            referred_by=rng.choice(chain),
            referral_reason="Aangemeld na herhaalde politiecontacten en schoolverzuim.",
            registered_on=day,
            started_on=plan.get("started_on"),
            next_review_on=plan.get("next_review_on"),
            closed_on=plan.get("closed_on"),
            closure_reason=plan.get("closure_reason", ""),
            informed_on=day + timedelta(days=7) if (today - day).days > 7 else None,
            plan="Wekelijks contact, dagbesteding regelen, gezin ondersteunen.",
            next_steps="Evaluatie in het casusoverleg.",
            version=len(plan["steps"]),
        )
        stamped(case, by=coordinator, at=aware(day, 10), reason="Casus aangemeld")
        cases.append(case)
    first_states = []
    for case in cases:
        final = {
            "status": case.status,
            "started_on": case.started_on,
            "next_review_on": case.next_review_on,
            "closed_on": case.closed_on,
            "closure_reason": case.closure_reason,
            "version": case.version,
        }
        # The '+' row shows the case as it was registered.
        case.status, case.started_on, case.next_review_on = CaseStatus.AANGEMELD, None, None
        case.closed_on, case.closure_reason, case.version = None, "", 1
        first_states.append(final)
    cases = write.create(Case, cases, "casussen")
    for case, plan, final in zip(cases, plans, first_states, strict=True):
        for name, value in final.items():
            setattr(case, name, value)
        state = {
            "status": CaseStatus.AANGEMELD,
            "started_on": None,
            "next_review_on": None,
            "closed_on": None,
            "closure_reason": "",
            "version": 1,
        }
        for step_number, (step_day, status) in enumerate(plan["steps"][1:], start=2):
            state["status"] = status
            state["version"] = step_number
            if status == CaseStatus.ACTIEF and state["started_on"] is None:
                state["started_on"] = case.started_on
                state["next_review_on"] = case.next_review_on
            if status in (CaseStatus.AFGESLOTEN, CaseStatus.NIET_OPGENOMEN):
                state["closed_on"] = case.closed_on
                state["closure_reason"] = case.closure_reason
            case_history.append(
                history_row(
                    case,
                    kind="~",
                    by=case.coordinator,
                    at=aware(step_day, 11),
                    reason="Status gewijzigd",
                    **state,
                )
            )
    Case.objects.bulk_update(
        cases,
        ["status", "started_on", "next_review_on", "closed_on", "closure_reason", "version"],
        batch_size=BATCH,
    )
    write.history(case_history, "statuswijzigingen")
    large = cases[large_index]

    # Involvements, and the grants of the active ones.
    involvements = []
    for index, case in enumerate(cases):
        chosen = _partners_for(rng, case, by_kind, chain, large=index == large_index)
        for partner in chosen:
            started = min(
                case.registered_on + timedelta(days=rng.randint(0, 20)), case.closed_on or today
            )
            ended = case.closed_on
            if ended is None and rng.random() < 0.08 and (today - started).days > 60:
                ended = started + timedelta(days=rng.randint(30, (today - started).days))
            staff = employees.get(partner.pk, [])
            # Those that need to know that a case exists, not its content, by their task.
            dat = partner.kind in DAT_KINDS
            basis = LegalBasis.WETTELIJKE_TAAK if dat else LegalBasis.CONVENANT
            involvement = Involvement(
                case=case,
                partner=partner,
                role=InvolvementRole.BETROKKEN,
                contact_person=rng.choice(staff) if staff else None,
                legal_basis=basis,
                # The defaults of docs/privacy.md: 'wat' under the convenant, else 'dat'; an
                # end date ahead (an ended involvement's is the day it ended).
                information_level="dat" if dat else "wat",
                level_reason="" if dat else "Convenant: werkt mee aan het plan",
                expires_on=ended or max(started, today + timedelta(days=rng.randint(1, 180))),
                started_on=started,
                ended_on=ended,
                end_reason="Casus afgesloten"
                if ended and case.closed_on
                else ("Betrokkenheid afgerond" if ended else ""),
                version=2 if ended else 1,
            )
            involvement._ended = ended
            involvement.ended_on, involvement.end_reason, involvement.version = None, "", 1
            stamped(
                involvement,
                by=case.coordinator,
                at=aware(started, 11, 30),
                reason="Partner betrokken",
            )
            involvements.append(involvement)
    involvements = write.create(Involvement, involvements, "betrokkenheden")
    ended_rows = []
    for involvement in involvements:
        if involvement._ended:
            involvement.ended_on = involvement._ended
            involvement.end_reason = (
                "Casus afgesloten" if involvement.case.closed_on else "Betrokkenheid afgerond"
            )
            involvement.version = 2
            ended_rows.append(
                history_row(
                    involvement,
                    kind="~",
                    by=involvement.case.coordinator,
                    at=aware(involvement.ended_on, 12),
                    reason=involvement.end_reason,
                )
            )
    Involvement.objects.bulk_update(
        [i for i in involvements if i.ended_on],
        ["ended_on", "end_reason", "version"],
        batch_size=BATCH,
    )
    write.history(ended_rows, "betrokkenheden beëindigd")
    permissions = list(_partner_permissions())
    grants = [
        stamped(
            CaseGroupObjectPermission(
                content_object=i.case, group_id=i.partner.group_id, permission=permission
            ),
            by=i.case.coordinator,
            at=aware(i.started_on, 11, 30),
            reason="Partner betrokken",
        )
        for i in involvements
        if i.ended_on is None
        for permission in permissions
    ]
    write.create(CaseGroupObjectPermission, grants, "toegangsrechten")
    involved = {}
    for involvement in involvements:
        involved.setdefault(involvement.case_id, []).append(involvement)

    # Interventions: only in cases that started.
    started_cases = [c for c in cases if c.started_on]
    weights = [_active_days(c, today) for c in started_cases]
    large_interventions = 30 if large.started_on else 0
    picks = [large] * large_interventions + rng.choices(
        started_cases, weights=weights, k=max(scale.interventions - large_interventions, 0)
    )
    interventions, intervention_history = [], []
    for case in picks:
        intervention, finished = _intervention(
            rng, case, today, types, involved.get(case.pk) or [], gemeente
        )
        stamped(
            intervention,
            by=case.coordinator,
            at=aware(intervention.started_on or case.started_on, 13),
            reason="Interventie toegevoegd",
        )
        intervention._finished = finished
        interventions.append(intervention)
    interventions = write.create(Intervention, interventions, "interventies")
    finished = []
    for intervention in interventions:
        if intervention._finished:
            status, ended_on, outcome = intervention._finished
            intervention.status, intervention.ended_on, intervention.outcome = (
                status,
                ended_on,
                outcome,
            )
            intervention.version = 2
            intervention_history.append(
                history_row(
                    intervention,
                    kind="~",
                    by=intervention.case.coordinator,
                    at=aware(ended_on, 14),
                    reason="Interventie gewijzigd",
                )
            )
            finished.append(intervention)
    Intervention.objects.bulk_update(
        finished, ["status", "ended_on", "outcome", "version"], batch_size=BATCH
    )
    write.history(intervention_history, "interventies afgerond")

    # Contacts: the bulk of the data, spread over the cases by how long each ran.
    others = [c for c in cases if c is not large and c.pk in involved]
    weights = [
        _active_days(c, today) * (0.1 if c.status == CaseStatus.NIET_OPGENOMEN else 1)
        for c in others
    ]
    large_contacts = min(scale.large_case_contacts, scale.contacts)
    picks = [large] * large_contacts + rng.choices(
        others, weights=weights, k=scale.contacts - large_contacts
    )
    contacts, corrections = [], []
    latest = now - timedelta(minutes=30)
    for case in picks:
        contact = _contact(rng, case, involved[case.pk], employees, gemeente, today, latest)
        contacts.append(contact)
    contacts = write.create(Contact, contacts, "contactmomenten")
    refresh_latest_contact()  # bulk_create skips Contact.save(), which keeps it elsewhere
    refresh_area_name(Q())  # and Case.save() and Youth.save(), which keep the case's area
    for contact in contacts:
        if rng.random() < 0.05:
            contact.follow_up = (contact.follow_up + " Aanvulling: afspraak verzet.").strip()
            contact.version = 2
            corrections.append(
                history_row(
                    contact,
                    kind="~",
                    by=contact.author,
                    at=min(contact.created_at + timedelta(hours=2), latest),
                    reason="Contactmoment gecorrigeerd",
                )
            )
    Contact.objects.bulk_update(
        [c for c in contacts if c.version == 2], ["follow_up", "version"], batch_size=BATCH
    )
    write.history(corrections, "correcties")

    # ZRM measurements, every three months or so, in cases that started.
    weights = [_active_days(c, today) for c in started_cases]
    large_assessments = 8 if large.started_on else 0
    picks = [large] * large_assessments + rng.choices(
        started_cases, weights=weights, k=max(scale.assessments - large_assessments, 0)
    )
    assessments = []
    for case in picks:
        end = case.closed_on or today
        day = case.started_on + timedelta(days=rng.randint(0, max((end - case.started_on).days, 0)))
        assessments.append(
            stamped(
                Assessment(case=case, assessed_on=day, assessed_by=case.coordinator),
                by=case.coordinator,
                at=aware(day, 15),
                reason="ZRM-meting vastgelegd",
            )
        )
    assessments = write.create(Assessment, assessments, "ZRM-metingen")
    scores = [
        stamped(
            AssessmentScore(assessment=a, domain=d, score=rng.randint(1, 5)),
            by=a.assessed_by,
            at=aware(a.assessed_on, 15),
            reason="ZRM-meting vastgelegd",
        )
        for a in assessments
        for d in domains
    ]
    write.create(AssessmentScore, scores, "ZRM-scores")

    # A year of casusoverleg (issue 16): meetings, invitations, decisions, agreements, and the
    # plan's goals with their evaluations. The large case takes part within what its
    # Historie target leaves.
    from cases.casefile.history import entry_count

    timed_meeting = _seed_casusoverleg(
        rng,
        write,
        today=today,
        latest=latest,
        cases=cases,
        involved=involved,
        employees=employees,
        coordinators=coordinators,
        domains=domains,
        large=large,
        large_budget=scale.large_case_history - entry_count(coordinators[0], large),
    )

    # The large case: its plan edited often enough that its Historie holds exactly the target.
    entries = entry_count(coordinators[0], large)
    edits = []
    missing = max(scale.large_case_history - entries, 0)
    first_edit = large.registered_on
    for n in range(missing):
        day = first_edit + timedelta(days=n * max((today - first_edit).days, 1) // max(missing, 1))
        large.version += 1
        edits.append(
            history_row(
                large,
                kind="~",
                by=large.coordinator,
                at=aware(day, 16, n % 60),
                reason="Plan van aanpak bijgewerkt",
                next_steps=f"Afspraken casusoverleg {n + 1}: school, dagbesteding, gezin.",
            )
        )
    if edits:
        # The history rows above are the record of these edits; a save() would add one more.
        Case.objects.filter(pk=large.pk).update(
            version=large.version, next_steps=edits[-1].next_steps
        )
    write.history(edits, "historie grote casus")

    # The group approach (issue 17), with an rng of its own: the rest of the seed stays as it was.
    group_rng = random.Random(rng_seed + 17)
    large_group, small_group, group_partner_id = _seed_group_approach(
        group_rng,
        write,
        today=today,
        latest=latest,
        scale=scale,
        people=_group_people(
            group_rng,
            youths=youths,
            cases=cases,
            involved=involved,
            household_members=members,
            grouped={m.youth_id for m in group_members},
            large=large,
        ),
        employees=employees,
        coordinators=coordinators,
        by_kind=by_kind,
        gemeente=gemeente,
        system=system,
    )

    # Some inzage rows, so the Inzage tab has pages to show.
    visitors = [large.coordinator] + [
        employees[i.partner_id][0] for i in involved[large.pk] if employees.get(i.partner_id)
    ]
    write.plain(
        AccessLog,
        [
            AccessLog(
                at=now - timedelta(hours=n * 7),
                user=visitor,
                username=visitor.username,
                organisation="",
                action=AccessAction.VIEW,
                result=AccessResult.ALLOWED,
                route="cases:case_detail",
                method="GET",
                object_type="cases.case",
                object_id=str(large.pk),
                case=large,
            )
            for n, visitor in ((n, visitors[n % len(visitors)]) for n in range(300))
        ],
        "inzagelog",
    )
    seconds = progress.finish()
    return Seeded(
        large_case_id=large.pk,
        coordinator_ids=[u.pk for u in coordinators],
        partner_user_ids=[u.pk for staff in employees.values() for u in staff],
        seconds=seconds,
        meeting_id=timed_meeting.pk if timed_meeting else None,
        large_group_id=large_group.pk,
        small_group_id=small_group.pk,
        group_partner_id=group_partner_id,
    )


# --- the casusoverleg (issue 16) --------------------------------------------------------

DISCUSSED_EVERY = (28, 56)  # days between two discussions of a running case
ITEMS_PER_MEETING = 15  # tables are sized so that their weekly meeting holds about this many
AGREEMENTS_PER_ITEM = (2, 5)
# The meeting the benchmark times: held about four weeks ago, with exactly these numbers.
TIMED_MEETING_ITEMS = 15
TIMED_MEETING_AGREEMENTS = 40
DECISION_SHARE = 0.06
LOCATIONS = ["Stadhuis, zaal 3", "Gebiedskantoor", "Zorg- en Veiligheidshuis", "Teams"]
QUESTIONS = [
    "Voortgang van het plan; wie pakt wat op?",
    "Schoolverzuim loopt op: wat is nodig om weer naar school te gaan?",
    "Nieuwe politiecontacten: opschalen of de lijn vasthouden?",
    "Dagbesteding stokt; welke partner neemt de regie?",
    "Thuissituatie onrustig: heeft het gezin meer ondersteuning nodig?",
    "Evaluatie van de doelen: wat is bereikt, wat stellen we bij?",
    "Terugkeer na detentie: woonplek, school en toezicht afstemmen.",
]
MINUTES = [
    "Besproken: voortgang op school en thuis. Partners delen hun beeld; de lijn van het plan "
    "blijft staan.",
    "Politie meldt twee nieuwe contacten in de wijk. Wijkteam ziet thuis meer rust. School en "
    "jongerenwerk gaan nauwer samenwerken.",
    "Jongere houdt zich aan de afspraken van de werkstraf. Leerplicht zoekt een passende plek; "
    "het gezin staat open voor ondersteuning.",
    "Zorgen over middelengebruik en de vriendengroep. Jeugdbescherming overlegt met de GGZ "
    "over een aanbod; over zes weken opnieuw bespreken.",
    "Goede ontwikkeling: dagbesteding loopt, geen nieuwe incidenten. Voorstel om over twee "
    "overleggen af te schalen.",
]
AGREEMENT_LINES = [
    "Gesprek met school en ouders plannen over het verzuim",
    "Huisbezoek samen met de wijkagent",
    "Aanmelding bij het leer-werktraject versturen",
    "Terugkoppeling over de voortgang van de werkstraf",
    "Schuldhulpverlening inschakelen en eerste afspraak maken",
    "Contact met de woningcorporatie over de overlastmeldingen",
    "Stopgesprek voeren met de jongere en een ouder",
    "Intake bij de verslavingszorg regelen",
    "Jongere aanmelden bij het jongerenwerk in de wijk",
    "Zorgteam van school informeren over de afspraken",
]
GOAL_TARGETS = [
    "Gaat elke schooldag naar school of werk; verzuim onder de 5 procent.",
    "Heeft een vaste dagbesteding van minstens vier dagen per week.",
    "Geen nieuwe politiecontacten in een half jaar.",
    "Schulden in beeld en een betalingsregeling loopt.",
    "Ouders en jongere spreken elkaar wekelijks zonder escalatie.",
    "Gebruikt geen harddrugs meer en blowt niet meer doordeweeks.",
]
EVALUATION_NOTES = [
    "",
    "",
    "Loopt, maar nog niet stabiel.",
    "Vooruitgang sinds het vorige overleg.",
]
DONE_NOTES = ["", "", "", "Gedaan, terugkoppeling in het volgende overleg."]
LAPSED_NOTES = [
    "Niet meer nodig: een andere partner heeft dit al opgepakt.",
    "Niet meer nodig na het besluit in het overleg.",
]
DECISION_REASONS = {
    DecisionKind.OPSCHALEN: "Zorgen op meerdere leefgebieden; inbreng van het Zorg- en "
    "Veiligheidshuis gevraagd.",
    DecisionKind.AFSLUITVOORSTEL: "Doelen grotendeels behaald en geen nieuwe incidenten; "
    "voorstel om af te sluiten.",
}


def later(obj, *, by, at, reason, **final):
    """A change made after the insert (``final``: the fields it sets), for create_changed."""
    obj._later = (by, at, reason, final)
    return obj


def create_changed(write, model, objs, label):
    """Insert records as they are now, each with its '+' history row as it was created and,
    if it changed later (``later``), a '~' row for that change. Faster than inserting the
    first state and a bulk_update: at 20,000 rows its CASE WHEN takes PostgreSQL ~20 s."""
    created = []
    for obj in objs:
        change = getattr(obj, "_later", None)
        if change is None:
            created.append({})
            continue
        final = change[3]
        created.append({name: getattr(obj, name) for name in final})
        for name, value in final.items():
            setattr(obj, name, value)
        if hasattr(obj, "version"):
            created[-1]["version"] = obj.version
            obj.version += 1
    write.plain(model, objs, label)
    rows = []
    for obj, first in zip(objs, created, strict=True):
        if obj.pk is None:
            raise RuntimeError(f"{model.__name__}: the database did not return the new ids")
        rows.append(
            history_row(
                obj,
                kind="+",
                by=obj._history_user,
                at=obj._history_date,
                reason=obj._change_reason,
                **first,
            )
        )
        if first:
            by, at, reason, _final = obj._later
            rows.append(history_row(obj, kind="~", by=by, at=at, reason=reason))
    write.history(rows, label)
    return objs


@dataclass
class Discussion:
    """One case at one meeting: its item and what hangs from it, not yet written."""

    case: Case
    item: AgendaItem
    invitations: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)

    def history_rows(self) -> int:
        """What it adds to the case's Historie: a '+' row each, a '~' row per later change
        (the meeting's own rows too: the case's Historie shows the meetings it is on)."""
        records = [self.item.meeting, self.item, *self.invitations, *self.decisions]
        records += self.agreements
        records += self.evaluations
        return sum(1 + (getattr(r, "_later", None) is not None) for r in records)


def _meeting_slots(rng, cases, coordinators, today):
    """(table, day) → the cases discussed there, and the coordinators of each table. A table
    (a couple of coordinators, with the partners of their cases) meets weekly on its own
    weekday, as many tables as keep the agendas at about ITEMS_PER_MEETING; each case that
    ran in the last year comes up every 4–8 weeks while it runs, and next week's agendas
    are set already."""
    year_start = today - timedelta(days=365)
    horizon = today + timedelta(days=7)
    running = []
    for case in cases:
        if case.started_on is None or case.status == CaseStatus.NIET_OPGENOMEN:
            continue
        first = max(case.started_on, year_start)
        last = case.closed_on - timedelta(days=1) if case.closed_on else horizon
        if first <= last:
            running.append((case, first, last))
    gap = sum(DISCUSSED_EVERY) / 2 + 3.5  # then on to the table's next weekly meeting
    discussions = sum(((last - first).days + 1) / gap for _case, first, last in running)
    per_week = discussions * 7 / ((horizon - year_start).days + 1)
    tables = max(1, min(len(coordinators), round(per_week / ITEMS_PER_MEETING)))
    members = [coordinators[t::tables] for t in range(tables)]
    table_of = {user.pk: t for t in range(tables) for user in members[t]}
    days_of = {}
    for table in range(tables):
        day = year_start + timedelta(days=(table % 5 - year_start.weekday()) % 7)
        days_of[table] = []
        while day <= horizon:
            days_of[table].append(day)
            day += timedelta(days=7)
    slots = {}
    for case, first, last in running:
        table = table_of[case.coordinator_id]
        days = days_of[table]
        # Running since before the year: anywhere in its rhythm; new: within four weeks.
        wanted = first + timedelta(
            days=rng.randint(0, DISCUSSED_EVERY[1 if first == year_start else 0])
        )
        while True:
            index = bisect_left(days, wanted)
            if index == len(days) or days[index] > last:
                break
            slots.setdefault((table, days[index]), []).append(case)
            wanted = days[index] + timedelta(days=rng.randint(*DISCUSSED_EVERY))
    return slots, members


def _active_on(involvements, day):
    return [
        i for i in involvements if i.started_on <= day and (i.ended_on is None or i.ended_on > day)
    ]


def _timed_slot(slots, involved, today, large):
    """The meeting about four weeks ago that the benchmark times, cut to exactly
    TIMED_MEETING_ITEMS items (cases with a partner at the table first). Returns its key."""
    held = [key for key in slots if key[1] < today]
    if not held:
        return None
    target = today - timedelta(days=28)
    full = [key for key in held if len(slots[key]) >= TIMED_MEETING_ITEMS]
    if full:
        key = min(full, key=lambda k: (abs((k[1] - target).days), k))
    else:  # a small seed: the fullest there is
        key = max(held, key=lambda k: (len(slots[k]), k))
    day = key[1]
    ranked = sorted(
        slots[key],
        key=lambda c: (c is large, not _active_on(involved.get(c.pk, []), day)),
    )
    slots[key] = ranked[:TIMED_MEETING_ITEMS]
    return key


def _seed_casusoverleg(
    rng, write, *, today, latest, cases, involved, employees, coordinators, domains, large,
    large_budget,
):  # fmt: skip
    """A year of regulier casusoverleg with everything that hangs from it, each record with
    its history: planned (+), then held (attendance, verslag, a final verslag: ~); agreements
    made at the table (+) and mostly done by the partner later (~). Returns the meeting the
    benchmark times."""

    def past(moment):
        return min(moment, latest)

    slots, members = _meeting_slots(rng, cases, coordinators, today)
    timed_key = _timed_slot(slots, involved, today, large)
    discussed = {case.pk for cases_at in slots.values() for case in cases_at}

    # The plan's goals: 2–3 life domains per case that ran, set when it started running.
    goals, goals_of = [], {}
    year_start = today - timedelta(days=365)
    for case in cases:
        if case.pk not in discussed:
            continue
        on = max(case.started_on, year_start)
        count = rng.randint(2, 3)
        if case is large:
            count = min(count, max(large_budget, 0))
            large_budget -= count
        goals_of[case.pk] = [
            stamped(
                Goal(case=case, domain=domain, target=rng.choice(GOAL_TARGETS)),
                by=case.coordinator,
                at=past(aware(on, 13)),
                reason="Doel aan het plan toegevoegd",
            )
            for domain in rng.sample(domains, min(count, len(domains)))
        ]
        goals += goals_of[case.pk]

    meetings, discussions, times_discussed = {}, [], {}
    for key in sorted(slots, key=lambda k: (k[1], k[0])):
        table, day = key
        chair, minute_taker = members[table][0], members[table][-1]
        held = day < today
        meeting = stamped(
            Meeting(
                kind=MeetingKind.REGULIER,
                starts_at=aware(day, 9 + 4 * (table % 2), 30),
                location=LOCATIONS[table % len(LOCATIONS)],
                chair=chair,
                minute_taker=minute_taker,
            ),
            by=chair,
            at=past(aware(day - timedelta(days=14), 9)),
            reason="Casusoverleg gepland",
        )
        if held and day <= today - timedelta(days=3):
            final_at = past(aware(day + timedelta(days=2), 16))
            later(meeting, by=chair, at=final_at, reason="Verslag definitief gemaakt",
                  finalised_at=final_at)  # fmt: skip
        meetings[key] = meeting
        counts = None
        if key == timed_key:
            share, extra = divmod(TIMED_MEETING_AGREEMENTS, len(slots[key]))
            counts = [share + (n < extra) for n in range(len(slots[key]))]
        for position, case in enumerate(slots[key], start=1):
            n = times_discussed[case.pk] = times_discussed.get(case.pk, 0) + 1
            discussions.append(
                _discussion(
                    rng, case, meeting, day, position,
                    held=held, past=past, today=today,
                    invited_from=_active_on(involved.get(case.pk, []), day),
                    employees=employees,
                    goals=goals_of.get(case.pk, []),
                    evaluate=n % 2 == 0,
                    agreements=counts[position - 1] if counts else None,
                )
            )  # fmt: skip

    # The large case's Historie has a fixed size: keep its most recent discussions that fit.
    kept = []
    for discussion in reversed(discussions):
        if discussion.case is large:
            rows = discussion.history_rows()
            if rows > large_budget:
                continue
            large_budget -= rows
        kept.append(discussion)
    discussions = kept[::-1]
    items_of = {}  # by id(): unsaved model instances are unhashable
    for discussion in discussions:
        items_of.setdefault(id(discussion.item.meeting), []).append(discussion.item)
    for items in items_of.values():
        for position, item in enumerate(items, start=1):
            item.position = position

    written = [m for m in meetings.values() if id(m) in items_of]
    create_changed(write, Meeting, written, "casusoverleggen")
    create_changed(write, AgendaItem, [d.item for d in discussions], "agendapunten")
    invitations = [i for d in discussions for i in d.invitations]
    create_changed(write, Invitation, invitations, "uitnodigingen")
    write.create(Goal, goals, "doelen")
    write.create(Decision, [x for d in discussions for x in d.decisions], "besluiten")
    agreements = [a for d in discussions for a in d.agreements]
    create_changed(write, Agreement, agreements, "afspraken")
    refresh_open_agreement_due(None, every=True)  # bulk inserts skip Agreement.save()
    write.create(GoalEvaluation, [e for d in discussions for e in d.evaluations], "evaluaties")
    return meetings.get(timed_key)


def _discussion(
    rng, case, meeting, day, position, *, held, past, today, invited_from, employees, goals,
    evaluate, agreements=None,
):  # fmt: skip
    """A case on the agenda: the partners at the table; once held, their attendance, the
    verslag, sometimes a decision, agreements, and every other time the goals evaluated."""
    by = case.coordinator
    chair = meeting.chair
    put_on_at = past(aware(day - timedelta(days=7), 10, position % 60))
    item = stamped(
        AgendaItem(meeting=meeting, case=case, position=position, question=rng.choice(QUESTIONS)),
        by=by,
        at=put_on_at,
        reason="Casus op de agenda gezet",
    )
    discussion = Discussion(case=case, item=item)
    invited = rng.sample(invited_from, min(len(invited_from), rng.randint(2, 4)))
    for involvement in invited:
        invitation = stamped(
            Invitation(item=item, partner=involvement.partner),
            by=by,
            at=put_on_at + timedelta(minutes=1),
            reason="Uitgenodigd voor het agendapunt",
        )
        if held:
            attendance = rng.choices(
                [Attendance.AANWEZIG, Attendance.AFGEMELD, Attendance.AFWEZIG], weights=[16, 3, 1]
            )[0]
            later(invitation, by=chair, at=aware(day, 12), reason="Aanwezigheid vastgelegd",
                  attendance=attendance)  # fmt: skip
        discussion.invitations.append(invitation)
    if not held:
        return discussion
    later(item, by=meeting.minute_taker or chair, at=aware(day, 15), reason="Verslag bijgewerkt",
          minutes=rng.choice(MINUTES))  # fmt: skip
    held_on = f"{day:%d-%m-%Y}"
    if rng.random() < DECISION_SHARE:
        closing = case.closed_on and (case.closed_on - day).days < 90
        kind = DecisionKind.AFSLUITVOORSTEL if closing else DecisionKind.OPSCHALEN
        discussion.decisions.append(
            stamped(
                Decision(item=item, kind=kind, reason=DECISION_REASONS[kind]),
                by=chair,
                at=aware(day, 12, 30),
                reason=f"Besluit casusoverleg {held_on}: {DECISION_REASONS[kind]}",
            )
        )
    if invited:
        count = agreements if agreements is not None else rng.randint(*AGREEMENTS_PER_ITEM)
        for _ in range(count):
            discussion.agreements.append(
                _agreement(rng, item, day, rng.choice(invited), goals, employees, today, past)
            )
    if evaluate:
        for goal in goals:
            outcome = rng.choices(list(GoalOutcome), weights=[2, 5, 2, 0.3])[0]
            note = rng.choice(EVALUATION_NOTES)
            if outcome == GoalOutcome.VERVALLEN:
                note = "Vervallen: het doel is opgegaan in een nieuw doel."
            discussion.evaluations.append(
                stamped(
                    GoalEvaluation(
                        goal=goal, outcome=outcome, note=note, evaluated_on=day, agenda_item=item
                    ),
                    by=chair,
                    at=aware(day, 12, 50),
                    reason="Doel geëvalueerd",
                )
            )
    return discussion


def _agreement(rng, item, day, involvement, goals, employees, today, past):
    """Due 2–6 weeks after the meeting. Once due most are done, a few no longer needed, about
    one in fourteen still open (overdue); before that about a third are done early. Whatever
    the case's closing or the partner's leaving cut short was finished by then."""
    case, partner = item.case, involvement.partner
    staff = employees.get(partner.pk, [])
    assignee = rng.choice(staff) if staff and rng.random() < 0.6 else None
    due_on = day + timedelta(days=rng.randint(14, 42))
    agreement = stamped(
        Agreement(
            case=case,
            agenda_item=item,
            goal=rng.choice(goals) if goals and rng.random() < 0.5 else None,
            description=rng.choice(AGREEMENT_LINES),
            partner=partner,
            assignee=assignee,
            due_on=due_on,
        ),
        by=item.meeting.chair,
        at=aware(day, 12, 40),
        reason="Afspraak gemaakt",
    )
    until = min(today, case.closed_on or today, involvement.ended_on or today)
    roll = rng.random()
    if until < today:
        status = AgreementStatus.GEDAAN if roll < 0.94 else AgreementStatus.VERVALLEN
    elif due_on < today:
        status = (
            AgreementStatus.GEDAAN
            if roll < 0.88
            else AgreementStatus.VERVALLEN
            if roll < 0.93
            else AgreementStatus.OPEN
        )
    else:
        status = AgreementStatus.GEDAAN if roll < 0.35 else AgreementStatus.OPEN
    if status == AgreementStatus.OPEN:
        return agreement
    last = max(min(due_on + timedelta(days=5), until), day)
    status_on = day + timedelta(days=rng.randint(max((last - day).days - 14, 0), (last - day).days))
    note = rng.choice(DONE_NOTES if status == AgreementStatus.GEDAAN else LAPSED_NOTES)
    label = AgreementStatus(status).label.lower()
    return later(
        agreement,
        by=assignee or (rng.choice(staff) if staff else case.coordinator),
        at=past(aware(status_on, 16)),
        reason=note or f"Afspraak: {label}",
        status=status,
        status_note=note,
        status_on=status_on,
    )


# --- the group approach (issue 17) ------------------------------------------------------

# The group the benchmark times, of the size the issue names, and a small one with something
# of every kind: the group page must cost both the same number of queries.
LARGE_GROUP_NAME = "Jeugdgroep Winkelcentrum (groepsaanpak)"
SMALL_GROUP_NAME = "Jeugdgroep Pleintje (groepsaanpak)"
# Only where migrations left the theme list empty (they start it with eleven).
THEME_NAMES = [
    "Status en respect", "Geld", "School", "Werk", "Vriendengroep", "Gezin", "Opvoeding",
    "Vrije tijd", "Veiligheid", "Wantrouwen instanties",
]  # fmt: skip
OPEN_STATUSES = (CaseStatus.ACTIEF, CaseStatus.NAZORG)


@dataclass(frozen=True)
class GroupSpec:
    name: str
    members: int  # current members
    former: int  # members who left the group
    relations: int
    insights: int
    readings: int
    goals: int
    interventions: int
    days: int  # how long ago the first signals came in


# (phase, days after the first signals, reason)
PHASE_STEPS = [
    (GroupPhase.SIGNALEN, 0, "Signalen van de wijkagent en het jongerenwerk over overlast."),
    (GroupPhase.INFORMATIE, 25, "Politie, school en jongerenwerk delen wat ze zien."),
    (GroupPhase.DUIDING, 60, "Genoeg informatie voor een groepsduiding."),
    (GroupPhase.ANALYSE, 100, "Groepsduiding besproken in het groepsoverleg."),
    (GroupPhase.PLAN, 150, "Advies: de moeders centraal, jongerenwerk en school erbij."),
    (GroupPhase.UITVOERING, 200, "Integraal plan vastgesteld in het groepsoverleg."),
]
READINGS = [
    (60, "Losse groep van wisselende samenstelling rond het winkelcentrum en het pleintje. "
         "Een paar oudere jongens zetten de toon; de rest loopt mee. Overlast, intimidatie van "
         "bewoners en signalen van drugsrunnen."),
    (200, "De kern is kleiner geworden: een vaste kern met twee kopstukken, de rest loopt mee. "
          "Geld en status binden de groep; de moeders maken zich zorgen maar staan er alleen "
          "voor."),
    (420, "Minder overlast sinds de moederbijeenkomsten en het jongerenwerk op het plein. Twee "
          "jongens zijn uit beeld; een nieuwe aanwas van jongere broertjes vraagt aandacht."),
]  # fmt: skip
YOUTH_INSIGHTS = {
    InsightKind.DRIJFVEER: [
        "Wil gezien worden als iemand die het gemaakt heeft; status in de groep telt zwaar.",
        "Volgt zijn oudere broer; wil erbij horen.",
        "Loyaal aan vrienden; wil niet als verrader gezien worden.",
        "Wil snel eigen geld verdienen, liefst zonder baas.",
    ],
    InsightKind.MOTIVATIE: [
        "Wil een scooter en eigen geld; noemt een opleiding tot monteur als droom.",
        "Sport (kickboksen) geeft structuur; wil zijn diploma halen.",
        "Wil zijn moeder niet nog een keer teleurstellen.",
    ],
    InsightKind.BARRIERE: [
        "Schulden bij oudere jongens uit de wijk.",
        "Wantrouwen naar instanties na een uithuisplaatsing in de familie.",
        "Veel verzuim; slaapt overdag; spanningen thuis over geld.",
        "Geen startkwalificatie en geen idee hoe hij aan werk komt.",
    ],
    InsightKind.BEHOEFTE: [
        "Een volwassene die hem serieus neemt zonder te veroordelen.",
        "Iets te doen na school: voetbal of een bijbaan.",
        "Een eigen plek om te chillen waar niemand hem wegstuurt.",
    ],
    InsightKind.GEMIS: [
        "Mist een vader die er is; vader woont in het buitenland.",
        "Mist een plek in de wijk waar hij welkom is.",
    ],
}
YOUTH_KIND_WEIGHTS = [3, 2, 3, 3, 1]  # in the order of YOUTH_INSIGHTS
KEY_FIGURE_INSIGHTS = {
    InsightKind.GEMIS: [
        "Mist steun bij de opvoeding nu vader in ploegendienst werkt.",
        "Zorgen om het jongere broertje dat zijn broer achterna gaat.",
    ],
    InsightKind.BEHOEFTE: [
        "Wil weten wat ze kan doen als haar zoon ’s avonds niet thuiskomt.",
        "Wil andere moeders uit de buurt leren kennen.",
    ],
    InsightKind.BARRIERE: [
        "Schaamt zich tegenover familie; praat er liever niet over.",
        "Spreekt weinig Nederlands; brieven van school blijven liggen.",
    ],
}
GROUP_INSIGHTS = {
    InsightKind.BEHOEFTE: [
        "De moeders willen elkaar treffen om ervaringen te delen.",
        "De jongens willen een eigen plek in de wijk, met een vaste begeleider.",
    ],
    InsightKind.DRIJFVEER: ["Geld en status binden de groep."],
    InsightKind.BARRIERE: ["Wie met instanties praat, ligt eruit bij de groep."],
}
SOURCES = [InsightSource.GESPREK, InsightSource.OBSERVATIE, InsightSource.ONDERZOEK,
           InsightSource.PARTNER]  # fmt: skip
# Between two members: kind → weight. Volgt and invloed have a direction.
YOUTH_RELATIONS = {
    RelationKind.VRIEND: 9, RelationKind.RIVAAL: 3, RelationKind.NEEF: 2, RelationKind.BROER: 1,
    RelationKind.VOLGT: 4, RelationKind.INVLOED: 3,
}  # fmt: skip
OUTSIDERS = [
    (RelationKind.BUURTFIGUUR, "Mo, kapper op de hoek"),
    (RelationKind.BUURTFIGUUR, "Rachid, oudere jongen van het pleintje"),
    (RelationKind.OVERIG, "Trainer van de kickboksschool"),
    (RelationKind.BUURTFIGUUR, "Eigenaar van de shoarmazaak"),
    (RelationKind.OVERIG, "Oom in Den Haag"),
]
GROUP_GOALS = [
    "De moeders staan er niet meer alleen voor en weten elkaar te vinden.",
    "Geen overlast meer bij het winkelcentrum; bewoners voelen zich veilig op het plein.",
    "Elke jongen van de groep gaat naar school of heeft werk of een dagbesteding.",
]
# (kind, description, partner kind, status, days after the plan phase it started)
GROUP_INTERVENTIONS = [
    (GroupInterventionKind.MOEDERS,
     "Maandelijkse moederbijeenkomst in het buurthuis, met de gezinscoach.",
     PartnerKind.WIJKTEAM, InterventionStatus.LOPEND, 60),
    (GroupInterventionKind.JONGERENWERK,
     "Jongerenwerk twee avonden per week op het pleintje, met een vaste begeleider.",
     PartnerKind.JONGERENWERK, InterventionStatus.LOPEND, 70),
    (GroupInterventionKind.GROEPSVERBOD,
     "Groepsverbod rond het winkelcentrum voor de kern van de groep (drie maanden).",
     PartnerKind.GEMEENTE, InterventionStatus.AFGEROND, 55),
    (GroupInterventionKind.SKETCHES,
     "Sketches die situaties op het plein naspelen, met het jongerenwerk en school.",
     PartnerKind.JONGERENWERK, InterventionStatus.VOORGESTELD, None),
]  # fmt: skip


def group_specs(scale: Scale) -> list[GroupSpec]:
    return [
        GroupSpec(
            LARGE_GROUP_NAME, members=scale.group_members, former=2,
            relations=scale.group_relations, insights=scale.group_insights, readings=3,
            goals=3, interventions=4, days=540,
        ),
        GroupSpec(
            SMALL_GROUP_NAME, members=2, former=0, relations=2, insights=5, readings=1, goals=1,
            interventions=1, days=200,
        ),
    ]  # fmt: skip


@dataclass
class GroupBuild:
    """What the seed writes for the groups of the group approach, in the order it writes."""

    groups: list = field(default_factory=list)
    phase_changes: list = field(default_factory=list)  # (group, by, at, reason, phase)
    steps: list = field(default_factory=list)
    readings: list = field(default_factory=list)
    memberships: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    insights: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    interventions: list = field(default_factory=list)
    # (model, field name) → [(record, [linked records])]
    links: dict = field(default_factory=dict)

    def link(self, obj, name, items):
        self.links.setdefault((type(obj), name), []).append((obj, list(items)))


@dataclass
class GroupPeople:
    """Who the group approach is seeded around: the youths that qualify, best first, and
    what is known of them."""

    ranked: list
    case_of: dict  # youth id → case
    mothers: dict  # household id → its key figure (the mother)
    adults: dict  # household id → its other adults
    involved: dict  # case id → involvements

    def partners_of(self, youth) -> set:
        """The partners that see the youth's case and its content (an active involvement at
        the 'wat' level, so a grant; a 'dat' partner sees no group)."""
        case = self.case_of[youth.pk]
        return {
            i.partner_id
            for i in self.involved.get(case.pk, [])
            if i.ended_on is None and i.information_level == "wat"
        }


def _group_people(rng, *, youths, cases, involved, household_members, grouped, large):
    """Youths with a case and a household whose key figure is the mother; first those with an
    open case (their partners see them), in no group yet, in the district where most are."""
    case_of = {case.youth_id: case for case in cases}
    mothers, adults = {}, {}
    for member in household_members:
        if member.is_key_figure and member.relation == Relation.MOEDER:
            mothers[member.household_id] = member
        else:
            adults.setdefault(member.household_id, []).append(member)
    pool = [y for y in youths if y.household_id in mothers and y.pk != large.youth_id]

    def is_open(youth):
        return case_of[youth.pk].status in OPEN_STATUSES

    counts = {}
    for youth in pool:
        if is_open(youth) and youth.pk not in grouped:
            district = youth.household.district_id
            counts[district] = counts.get(district, 0) + 1
    district = min(counts, key=lambda d: (-counts[d], d)) if counts else None
    tiebreak = {youth.pk: rng.random() for youth in pool}
    ranked = sorted(
        pool,
        key=lambda y: (
            not is_open(y),
            y.pk in grouped,
            y.household.district_id != district,
            tiebreak[y.pk],
        ),
    )
    return GroupPeople(ranked, case_of, mothers, adults, involved)


def group_partner(visible_counts: dict, members: int):
    """Of the partners counted (partner id → current members of the large group it sees),
    the one that sees most, but not all of them (ties: the lowest id); the benchmark counts
    only partners that see every member of the small group, and times an employee of this
    one. None if no partner sees any."""
    if not visible_counts:
        return None
    some = {p: n for p, n in visible_counts.items() if 0 < n < members} or visible_counts
    return min(some, key=lambda p: (-some[p], p))


def _seed_group_approach(
    rng, write, *, today, latest, scale, people, employees, coordinators, by_kind, gemeente,
    system,
):  # fmt: skip
    """A large group (the issue's size) and a small one, each as the product would have made
    them: phases, groepsduiding, members, relations, insights with themes, a plan; every
    record with its history rows (m2m links on them too). Returns the two groups and the
    partner whose employee the benchmark times (it sees some of the large group's members)."""
    themes = list(Theme.objects.filter(is_active=True).order_by("position", "name"))
    if not themes:
        themes = write.create(
            Theme,
            [
                stamped(Theme(name=name, position=n), by=system, at=aware(today, 8))
                for n, name in enumerate(THEME_NAMES, start=1)
            ],
            "groepsaanpak",
        )
    large_spec, small_spec = group_specs(scale)
    size, small_size = large_spec.members, small_spec.members
    top = people.ranked[: size + small_size]
    staffed = sorted(pk for pk, staff in employees.items() if staff)
    seen = {p: [y for y in top if p in people.partners_of(y)] for p in staffed}
    # The small group: youths seen by a partner that also sees most, not all, of the rest.
    chosen = group_partner(
        {p: len(ys) - small_size for p, ys in seen.items() if len(ys) > small_size}, size
    )
    small = seen[chosen][-small_size:] if chosen is not None else top[size:]
    large_current = [y for y in top if y not in small]
    large_former = people.ranked[size + small_size :][: large_spec.former]
    # The partner the benchmark times, chosen as bench.measure.pick_groups does.
    counts = {}
    for p in staffed:
        if all(p in people.partners_of(y) for y in small):
            count = sum(p in people.partners_of(y) for y in large_current)
            if count:
                counts[p] = count
    partner_id = group_partner(counts, len(large_current))
    build = GroupBuild()
    for spec, current, former in (
        (large_spec, large_current, large_former),
        (small_spec, small, []),
    ):
        district = current[0].household.district if current else None
        partners = {kind: options[0] for kind, options in by_kind.items()}
        partners[PartnerKind.GEMEENTE] = gemeente
        partners[PartnerKind.WIJKTEAM] = next(
            (
                p
                for p in by_kind.get(PartnerKind.WIJKTEAM, [])
                if district and p.name.endswith(district.name)
            ),
            partners.get(PartnerKind.WIJKTEAM),
        )
        _build_group(
            rng, build, spec, current, former, people,
            by=rng.choice(coordinators), today=today, latest=latest, themes=themes,
            district=district, partners=partners,
        )  # fmt: skip
    _write_groups(write, build)
    return build.groups[0], build.groups[1], partner_id


def _build_group(
    rng, build, spec, current, former, people, *, by, today, latest, themes, district, partners,
):  # fmt: skip
    """One group of ``spec``: what the coordinator ``by`` recorded over the group's life."""

    def past(moment):
        return min(moment, latest)

    def some_themes(low=1, high=3):
        return rng.sample(themes, min(rng.randint(low, high), len(themes)))

    start = today - timedelta(days=spec.days)
    group = stamped(
        YouthGroup(
            name=spec.name,
            district=district,
            meeting_places="Winkelcentrum, het pleintje achter de school",
            phase=GroupPhase.SIGNALEN,
        ),
        by=by,
        at=past(aware(start, 13)),
        reason=PHASE_STEPS[0][2],
    )
    build.groups.append(group)
    for phase, days, reason in [s for s in PHASE_STEPS if s[1] <= max(spec.days - 14, 0)]:
        on = start + timedelta(days=days)
        at = past(aware(on, 15))
        build.steps.append(
            stamped(
                GroupPhaseStep(
                    youth_group=group, phase=phase, entered_on=on, reason=reason, recorded_by=by
                ),
                by=by,
                at=at,
                reason=reason,
            )
        )
        if phase != GroupPhase.SIGNALEN:
            build.phase_changes.append((group, by, at, reason, phase))
    for days, text in [r for r in READINGS if r[0] <= spec.days][: spec.readings]:
        on = start + timedelta(days=days)
        build.readings.append(
            stamped(
                GroupReading(youth_group=group, written_on=on, text=text, recorded_by=by),
                by=by,
                at=past(aware(on, 11)),
                reason="Groepsduiding toegevoegd",
            )
        )

    # Members: a kopstuk or two, mostly meelopers; two left the group along the way.
    roles = rng.choices(list(GroupRole), weights=[3, 14, 6, 2], k=len(current) + len(former))
    roles[0] = GroupRole.KOPSTUK
    since, leaders = {}, []
    for youth, role in zip(current + former, roles, strict=True):
        on = start + timedelta(days=rng.randint(0, spec.days // 3))
        since[youth.pk] = on
        membership = stamped(
            GroupMembership(youth_group=group, youth=youth, role=role, since_on=on),
            by=by,
            at=past(aware(on, 14)),
            reason="Groepslid uit de groepsscan",
        )
        if youth in former:
            until = min(on + timedelta(days=rng.randint(120, 240)), today - timedelta(days=30))
            later(membership, by=by, at=past(aware(until, 15)),
                  reason="Niet meer bij de groep gezien; verhuisd", until_on=until)  # fmt: skip
        elif role == GroupRole.KOPSTUK:
            leaders.append(youth)
        build.memberships.append(membership)

    def relation(youth, kind, since_on, recorded_on, **other):
        recorded_on = min(recorded_on, today)
        build.relations.append(
            stamped(
                PersonRelation(youth=youth, kind=kind, since_on=since_on, recorded_by=by, **other),
                by=by,
                at=past(aware(recorded_on, 15, rng.randint(0, 59))),
                reason="Relatie vastgelegd",
            )
        )

    # Relations: about three in ten to adults (mothers first, fathers, people from outside
    # the households), the rest between members, the directed ones towards the kopstukken.
    to_adults = max(spec.relations * 3 // 10, 1) if current else 0
    outsiders = rng.sample(OUTSIDERS, min(to_adults // 5, len(OUTSIDERS)))
    fathers = [
        (youth, adult)
        for youth in current
        for adult in people.adults.get(youth.household_id, [])
        if adult.relation == Relation.VADER
    ]
    fathers = rng.sample(fathers, min(to_adults // 5, len(fathers)))
    mothers = rng.sample(current, min(to_adults - len(outsiders) - len(fathers), len(current)))
    for youth in mothers:
        relation(youth, RelationKind.MOEDER, None, since[youth.pk] + timedelta(days=10),
                 adult=people.mothers[youth.household_id])  # fmt: skip
    for youth, adult in fathers:
        relation(youth, RelationKind.VADER, None, since[youth.pk] + timedelta(days=12),
                 adult=adult)  # fmt: skip
    for kind, person in outsiders:
        youth = rng.choice(current)
        relation(youth, kind, None, since[youth.pk] + timedelta(days=40), other_person=person)
    between = spec.relations - len(mothers) - len(fathers) - len(outsiders)
    kinds, weights = list(YOUTH_RELATIONS), list(YOUTH_RELATIONS.values())
    seen, attempts = set(), 0
    while len(current) > 1 and between > 0 and attempts < spec.relations * 50:
        attempts += 1
        # Every kind once, then as often as it is met.
        kind = kinds[len(seen)] if len(seen) < len(kinds) else rng.choices(kinds, weights)[0]
        youth, other = rng.sample(current, 2)
        if kind == RelationKind.VOLGT and leaders:
            other = rng.choice(leaders)
        elif kind == RelationKind.INVLOED and leaders:
            youth = rng.choice(leaders)
        pair = (
            (youth.pk, other.pk) if kind in DIRECTED_KINDS else tuple(sorted((youth.pk, other.pk)))
        )
        if youth is other or (*pair, kind) in seen:
            continue
        seen.add((*pair, kind))
        since_on = max(since[youth.pk], since[other.pk])
        relation(youth, kind, since_on, since_on + timedelta(days=rng.randint(5, 60)),
                 other_youth=other)  # fmt: skip
        between -= 1

    # Insights: most about members, a sixth about their mothers, one in fifteen about the
    # group itself; each with one to three themes.
    mine = []

    def insight(kind, statement, first, **about):
        if "youth" in about:  # recorded in the member's (only) case
            about["case"] = people.case_of[about["youth"].pk]
        on = first + timedelta(days=rng.randint(0, max((today - first).days, 0)))
        made = stamped(
            Insight(
                kind=kind,
                statement=statement,
                source=rng.choice(SOURCES),
                noted_on=on,
                recorded_by=by,
                **about,
            ),
            by=by,
            at=past(aware(on, 16, rng.randint(0, 59))),
            reason="Inzicht vastgelegd",
        )
        build.insights.append(made)
        build.link(made, "themes", some_themes())
        mine.append(made)

    about_group = max(spec.insights // 15, 1)
    about_mothers = max(spec.insights // 6, 1) if current else 0
    about_youths = spec.insights - about_group - about_mothers if current else 0
    for n in range(about_youths):
        youth = current[n % len(current)]
        kind = rng.choices(list(YOUTH_INSIGHTS), weights=YOUTH_KIND_WEIGHTS)[0]
        insight(kind, rng.choice(YOUTH_INSIGHTS[kind]), since[youth.pk], youth=youth)
    for n in range(about_mothers):
        youth = current[(n * 7) % len(current)]
        kind = rng.choice(list(KEY_FIGURE_INSIGHTS))
        insight(kind, rng.choice(KEY_FIGURE_INSIGHTS[kind]), since[youth.pk], youth=youth,
                household_member=people.mothers[youth.household_id])  # fmt: skip
    for _ in range(about_group):
        kind = rng.choice(list(GROUP_INSIGHTS))
        insight(kind, rng.choice(GROUP_INSIGHTS[kind]), start + timedelta(days=30),
                youth_group=group)  # fmt: skip

    # The plan, once the group reached that phase: goals and group interventions, each
    # answering some of the insights known by then and some themes.
    plan_on = start + timedelta(days=min(PHASE_STEPS[4][1], max(spec.days - 14, 0)))
    known = [i for i in mine if i.noted_on <= plan_on] or mine
    about_the_group = [i for i in known if i.youth_group is group]
    goals = []
    for n in range(spec.goals):
        goal = stamped(
            GroupGoal(youth_group=group, target=GROUP_GOALS[n % len(GROUP_GOALS)]),
            by=by,
            at=past(aware(plan_on, 10, n)),
            reason="Groepsdoel toegevoegd",
        )
        goals.append(goal)
        build.goals.append(goal)
        build.link(goal, "themes", some_themes(1, 2))
        first = about_the_group[:1]
        others = [i for i in known if i not in first]  # unsaved: compared by identity
        build.link(
            goal, "insights", first + rng.sample(others, min(rng.randint(1, 3), len(others)))
        )
    for n in range(spec.interventions):
        kind, description, partner_kind, status, days = GROUP_INTERVENTIONS[
            n % len(GROUP_INTERVENTIONS)
        ]
        started_on = min(plan_on + timedelta(days=days), today) if days is not None else None
        intervention = stamped(
            GroupIntervention(
                youth_group=group,
                kind=kind,
                description=description,
                goal=goals[n] if n < min(len(goals), 3) else None,
                responsible_partner=partners.get(partner_kind) or partners[PartnerKind.GEMEENTE],
                status=InterventionStatus.LOPEND if started_on else InterventionStatus.VOORGESTELD,
                started_on=started_on,
            ),
            by=by,
            at=past(aware(started_on or plan_on, 11, n)),
            reason="Groepsinterventie toegevoegd",
        )
        if status == InterventionStatus.AFGEROND:
            ended_on = min(started_on + timedelta(days=90), today)
            later(intervention, by=by, at=past(aware(ended_on, 16)),
                  reason="Groepsinterventie gewijzigd", status=status, ended_on=ended_on,
                  outcome="Minder overlast gemeld bij het winkelcentrum; de kern houdt zich "
                  "aan het verbod.")  # fmt: skip
        build.interventions.append(intervention)
        build.link(intervention, "themes", some_themes(1, 2))
        build.link(intervention, "insights", rng.sample(known, min(rng.randint(1, 3), len(known))))


def _write_groups(write, build):
    write.create(YouthGroup, build.groups, "groepsaanpak")
    # Each phase step also moved the group on: a '~' row per step.
    rows = []
    for group, by, at, reason, phase in build.phase_changes:
        group.phase = phase
        group.version += 1
        rows.append(history_row(group, kind="~", by=by, at=at, reason=reason))
    write.history(rows, "groepsaanpak")
    for group in build.groups:
        YouthGroup.objects.filter(pk=group.pk).update(phase=group.phase, version=group.version)
    write.create(GroupPhaseStep, build.steps, "groepsaanpak")
    write.create(GroupReading, build.readings, "groepsaanpak")
    create_changed(write, GroupMembership, build.memberships, "groepsaanpak")
    write.create(PersonRelation, build.relations, "groepsaanpak")
    write.create(Insight, build.insights, "groepsaanpak")
    write.create(GroupGoal, build.goals, "groepsaanpak")
    create_changed(write, GroupIntervention, build.interventions, "groepsaanpak")
    for (model, name), pairs in build.links.items():
        _link_with_history(write, model, name, pairs)


def _link_with_history(write, model, name, pairs):
    """The m2m rows of ``name``, and their copy on each of the records' history rows, as
    simple_history keeps them (what ``pga.history.set_many_with_history`` writes)."""
    descriptor = getattr(model, name)
    through = descriptor.through
    source, target = descriptor.field.m2m_field_name(), descriptor.field.m2m_reverse_field_name()
    links = [
        through(**{f"{source}_id": obj.pk, f"{target}_id": item.pk})
        for obj, items in pairs
        for item in items
    ]
    write.plain(through, links, "groepsaanpak")
    history_ids = {}
    for pk, history_id in model.history.filter(id__in={obj.pk for obj, _ in pairs}).values_list(
        "id", "history_id"
    ):
        history_ids.setdefault(pk, []).append(history_id)
    snapshot = apps.get_model(model._meta.app_label, f"Historical{model.__name__}_{name}")
    copied = [f.attname for f in through._meta.fields]
    write.plain(
        snapshot,
        [
            snapshot(history_id=history_id, **{f: getattr(link, f) for f in copied})
            for link in links
            for history_id in history_ids[getattr(link, f"{source}_id")]
        ],
        "groepsaanpak",
    )


def _active_days(case, today) -> int:
    return max(((case.closed_on or today) - case.registered_on).days, 1)


def _case_plan(rng, today, registered, *, large=False) -> dict:
    """The status steps of one case, consistent with the age of the referral."""
    age = (today - registered).days
    steps = [(registered, CaseStatus.AANGEMELD)]
    plan = {"steps": steps}
    if large:
        kind = "actief"
    elif age < 21:
        kind = rng.choices(["aangemeld", "screening"], weights=[6, 4])[0]
    elif age < 60:
        kind = rng.choices(["screening", "actief", "niet"], weights=[3, 5.5, 1.5])[0]
    else:
        closed = rng.random() < min(0.95, age / 900)
        kind = (
            rng.choices(["afgesloten", "niet"], weights=[9, 1])[0]
            if closed
            else rng.choices(["actief", "nazorg"], weights=[3, 1])[0]
        )
    if kind == "aangemeld":
        plan["status"] = CaseStatus.AANGEMELD
        return plan
    screening_on = registered + timedelta(days=min(3, age))
    steps.append((screening_on, CaseStatus.SCREENING))
    if kind == "screening":
        plan["status"] = CaseStatus.SCREENING
        return plan
    if kind == "niet":
        closed_on = min(screening_on + timedelta(days=rng.randint(7, 30)), today)
        steps.append((closed_on, CaseStatus.NIET_OPGENOMEN))
        plan.update(
            status=CaseStatus.NIET_OPGENOMEN,
            closed_on=closed_on,
            closure_reason=rng.choice([ClosureReason.NIET_PGA_WAARDIG, ClosureReason.DOORVERWEZEN]),
        )
        return plan
    started_on = min(screening_on + timedelta(days=rng.randint(10, 40)), today)
    steps.append((started_on, CaseStatus.ACTIEF))
    plan["started_on"] = started_on
    if kind == "afgesloten":
        span = max((today - started_on).days, 1)
        closed_on = started_on + timedelta(days=rng.randint(min(90, span), span))
        steps.append((closed_on, CaseStatus.AFGESLOTEN))
        plan.update(
            status=CaseStatus.AFGESLOTEN,
            closed_on=closed_on,
            closure_reason=rng.choice(
                [
                    r
                    for r in ClosureReason
                    if r not in (ClosureReason.NIET_PGA_WAARDIG, ClosureReason.DOORVERWEZEN)
                ]
            ),
        )
        return plan
    # Reviewed about every three months; one in seven is overdue.
    reviews = max((today - started_on).days // 91, 0) + 1
    next_review = started_on + timedelta(days=91 * reviews)
    if rng.random() < 0.15:
        next_review -= timedelta(days=rng.randint(7, 60))
    plan["next_review_on"] = next_review
    if kind == "nazorg":
        nazorg_on = started_on + timedelta(days=max((today - started_on).days * 2 // 3, 0))
        steps.append((nazorg_on, CaseStatus.NAZORG))
        plan["status"] = CaseStatus.NAZORG
    else:
        plan["status"] = CaseStatus.ACTIEF
    return plan


def _partners_for(rng, case, by_kind, chain, *, large=False):
    if large:
        return chain[: min(12, len(chain))]
    if case.status == CaseStatus.AANGEMELD:
        return []
    chosen = []
    district = case.youth.area.name if case.youth.area else ""
    for kind, (chance, _seats) in KIND_WEIGHTS.items():
        options = by_kind.get(kind)
        if not options or rng.random() >= chance:
            continue
        if kind == PartnerKind.WIJKTEAM:
            local = [p for p in options if p.name.endswith(district)]
            options = local or options
        chosen.append(rng.choice(options))
    return chosen or [rng.choice(chain)]


def _intervention(rng, case, today, types, involvements, gemeente):
    end = case.closed_on or today
    span = max((end - case.started_on).days, 0)
    started_on = case.started_on + timedelta(days=rng.randint(0, span))
    partner = rng.choice(involvements).partner if involvements else gemeente
    intervention = Intervention(
        case=case,
        intervention_type=rng.choice(types),
        responsible_partner=partner,
        goal="Stabiele dagbesteding en minder contact met politie.",
        status=InterventionStatus.LOPEND,
        started_on=started_on,
        planned_end_on=started_on + timedelta(days=rng.randint(14, 365)),
    )
    roll = rng.random()
    if case.closed_on or roll < 0.35:
        status = InterventionStatus.AFGEROND if rng.random() < 0.75 else InterventionStatus.GESTOPT
        ended_on = started_on + timedelta(days=rng.randint(0, max((end - started_on).days, 0)))
        return intervention, (status, ended_on, "Doel grotendeels bereikt.")
    if roll < 0.45:
        intervention.status = InterventionStatus.VOORGESTELD
        intervention.started_on = None
        intervention.planned_end_on = None
    elif roll < 0.5:
        # Some end soon: the dashboard's "eindigt binnen 14 dagen".
        intervention.planned_end_on = max(today + timedelta(days=rng.randint(0, 14)), started_on)
    return intervention, None


def _contact(rng, case, involvements, employees, gemeente, today, latest):
    involvement = rng.choice(involvements)
    staff = employees.get(involvement.partner_id)
    first = max(involvement.started_on, case.registered_on)
    last = min(involvement.ended_on or today, case.closed_on or today, today)
    if rng.random() < 0.12 or not staff or last < first:
        partner, author = gemeente, case.coordinator
        first, last = case.registered_on, min(case.closed_on or today, today)
    else:
        partner, author = involvement.partner, rng.choice(staff)
    day = first + timedelta(days=rng.randint(0, max((last - first).days, 0)))
    occurred_at = min(aware(day, rng.randint(8, 21), rng.choice((0, 15, 30, 45))), latest)
    occurred_at = max(occurred_at, aware(case.registered_on, 0, 1))
    created_at = min(occurred_at + timedelta(hours=rng.randint(0, 30)), latest)
    kind = rng.choice(list(ContactKind))
    return stamped(
        Contact(
            case=case,
            partner=partner,
            author=author,
            occurred_at=occurred_at,
            created_at=created_at,
            kind=kind,
            with_whom=ContactWith.MOEDER
            if kind == ContactKind.GESPREK_OUDERS
            else ContactWith.JONGERE,
            summary=rng.choice(CONTACT_LINES),
            follow_up=rng.choice(FOLLOW_UPS),
            visibility=ContactVisibility.RESTRICTED
            if rng.random() < 0.2
            else ContactVisibility.SHARED,
        ),
        by=author,
        at=created_at,
        reason="Contactmoment vastgelegd",
    )
