"""Fictional demo data: a youth group in Charlois, their households, partners and cases.

Every name, address and BSN here is made up. Everything is created through the services,
so the demo's history reads like real use. Loading is idempotent: a second run adds nothing.
"""

import hashlib
import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.casefile.services import (
    add_intervention,
    change_status,
    involve_partner,
    record_assessment,
    update_case,
)
from cases.contacts.services import log_contact
from cases.groups.services import (
    add_group_goal,
    add_group_intervention,
    add_group_reading,
    add_relation,
    change_group_phase,
    create_youth_group,
    record_insight,
)
from cases.meetings.services import (
    add_agenda_item,
    finalise_meeting,
    invite_partner,
    plan_meeting,
    record_attendance,
    record_decision,
    record_minutes,
)
from cases.models import (
    AssessmentDomain,
    Case,
    CaseStatus,
    ClosureReason,
    ContactKind,
    ContactVisibility,
    ContactWith,
    DecisionKind,
    District,
    GroupMembership,
    GroupRole,
    Household,
    HouseholdMember,
    InterventionStatus,
    InterventionType,
    Invitation,
    InvolvementRole,
    LegalBasis,
    MeetingKind,
    Priority,
    Relation,
    Theme,
    Youth,
    YouthGroup,
    default_expires_on,
    next_toets_due,
)
from cases.notifications.tasks import send_reminders
from cases.plan.services import add_goal, evaluate_goal, finish_agreement, make_agreement
from cases.proportionality.toetsing import active_involvements, record_toets
from cases.registration.services import register_case
from cases.validators import bsn_passes_eleven_test
from partners.models import ApiToken, Partner, PartnerKind, Right
from partners.services import change_rights_from_command_line, save_partner
from partners.tokens import approve_api_token, key_hash
from pga.history import recorded_at, save_with_history, stamp
from pga.notifications import NO_EMAIL, PAUSED, notifications

DEMO_PASSWORD = "demo-PGA-2026"
MARKER_GROUP = "Jeugdgroep Tarwewijk-Oost"
SECOND_GROUP = "Jeugdgroep Afrikaanderwijk"
User = get_user_model()

# (key, name, kind)
PARTNERS = [
    ("gemeente", "Gemeente Rotterdam, Directie Veiligheid", PartnerKind.GEMEENTE),
    ("oov", "Gemeente Rotterdam, Openbare Orde (bestuurlijke maatregelen)", PartnerKind.GEMEENTE),
    ("politie", "Politie Rotterdam, basisteam Charlois", PartnerKind.POLITIE),
    ("om", "Openbaar Ministerie Rotterdam", PartnerKind.OM),
    ("raad", "Raad voor de Kinderbescherming, regio Rotterdam", PartnerKind.RAAD_KINDERBESCHERMING),
    ("jb", "Jeugdbescherming Rijnmond (demo)", PartnerKind.JEUGDBESCHERMING),
    ("reclassering", "Reclassering, unit Rotterdam-Zuid", PartnerKind.RECLASSERING),
    ("wijkteam", "Wijkteam Charlois", PartnerKind.WIJKTEAM),
    ("leerplicht", "Leerplicht & RMC Rotterdam", PartnerKind.LEERPLICHT),
    ("jongerenwerk", "Jongerenwerk Charlois", PartnerKind.JONGERENWERK),
    ("school", "Maaspoort College (fictief)", PartnerKind.SCHOOL),
    ("woning", "Woningstichting Maashaven (fictief)", PartnerKind.WONINGCORPORATIE),
    ("halt", "Halt, regio Rotterdam", PartnerKind.HALT),
]

# System accounts of the API (no password; a token each, proposed by 'beheer' and approved
# by 'bea'): (username, name of the connected system, partner key or None for management).
API_ACCOUNTS = [
    ("zvh-politie", "Koppeling Politie met het ZVH-casussysteem (demo)", "politie"),
    ("datawarehouse", "Datawarehouse gemeente (demo)", None),
]

# (username, first, last, partner key, job title, role group)
ACCOUNTS = [
    ("beheer", "Bert", "Beheer", None, "Functioneel beheerder", "beheer"),
    ("bea", "Bea", "Verbeek", None, "Functioneel beheerder (tweede)", "beheer"),
    ("tessa", "Tessa", "van Dijk", None, "Privacyfunctionaris (toezicht)", "toezicht"),
    ("marloes", "Marloes", "van Dam", None, "Beleidsadviseur Veiligheid", "management"),
    ("sanne", "Sanne", "de Vries", "gemeente", "Procescoördinator PGA", "coordinator"),
    ("karim", "Karim", "Bouzid", "gemeente", "Procescoördinator PGA", "coordinator"),
    ("petra", "Petra", "Jansen", "politie", "Wijkagent Tarwewijk", None),
    ("bram", "Bram", "Visser", "jb", "Jeugdreclasseerder", None),
    ("lotte", "Lotte", "Meijer", "wijkteam", "Gezinscoach", None),
    ("fenna", "Fenna", "de Boer", "leerplicht", "Leerplichtambtenaar", None),
    ("jeroen", "Jeroen", "Bakker", "jongerenwerk", "Jongerenwerker", None),
    ("wim", "Wim", "Smit", "woning", "Medewerker woonoverlast", None),
    ("ilse", "Ilse", "Mulder", "om", "Officier van justitie (jeugd)", None),
    ("rachid", "Rachid", "Amrani", "raad", "Raadsonderzoeker", None),
    ("anouk", "Anouk", "Peters", "reclassering", "Reclasseringswerker", None),
    ("tom", "Tom", "Hendriks", "school", "Zorgcoördinator", None),
    ("nina", "Nina", "Kok", "halt", "Halt-medewerker", None),
]


@dataclass
class YouthSpec:
    key: str
    first_name: str
    last_name: str
    name_prefix: str
    age_years: int
    household: str
    group_role: str
    daytime: str
    status: str
    priority: int
    coordinator: str
    months_ago: int
    partners: list = field(default_factory=list)
    group: str = "tarwewijk"


HOUSEHOLDS = {
    "el_idrissi": (
        "Huishouden El Idrissi",
        "Brabantsestraat",
        "12b",
        "3074 RL",
        [
            ("Samira", "El Idrissi", Relation.MOEDER, True),
            ("Mohammed", "El Idrissi", Relation.VADER, False),
            ("Nadia", "El Idrissi", Relation.ZUS, False),
        ],
    ),
    "koster": (
        "Huishouden Koster",
        "Carnissestraat",
        "48",
        "3083 JB",
        [
            ("Linda", "Koster", Relation.MOEDER, True),
            ("Rob", "Jansen", Relation.STIEFOUDER, False),
        ],
    ),
    "martina": (
        "Huishouden Martina",
        "Mijnsherenlaan",
        "201a",
        "3081 CG",
        [
            ("Shirley", "Martina", Relation.MOEDER, True),
            ("Edith", "Martina", Relation.GROOTOUDER, False),
        ],
    ),
    "yilmaz": (
        "Huishouden Yılmaz",
        "Dordtsestraatweg",
        "77",
        "3083 AH",
        [
            ("Ayşe", "Yılmaz", Relation.MOEDER, True),
            ("Hakan", "Yılmaz", Relation.VADER, False),
            ("Elif", "Yılmaz", Relation.ZUS, False),
        ],
    ),
    "de_graaf": (
        "Huishouden De Graaf",
        "Wolphaertsbocht",
        "310",
        "3083 MV",
        [("Monique", "de Graaf", Relation.MOEDER, True)],
    ),
    "tavares": (
        "Huishouden Tavares",
        "Pleinweg",
        "150c",
        "3083 EK",
        [
            ("Maria", "Tavares", Relation.MOEDER, True),
            ("Rui", "Tavares", Relation.BROER, False),
        ],
    ),
    "verbeek": (
        "Huishouden Verbeek",
        "Groene Hilledijk",
        "5",
        "3073 AA",
        [("Sandra", "Verbeek", Relation.MOEDER, True), ("Henk", "Verbeek", Relation.VADER, False)],
    ),
}

YOUTHS = [
    YouthSpec(
        "ayoub",
        "Ayoub",
        "Idrissi",
        "el",
        17,
        "el_idrissi",
        GroupRole.KOPSTUK,
        "Geen (uitgevallen mbo-1)",
        CaseStatus.ACTIEF,
        Priority.HOOG,
        "sanne",
        7,
        ["politie", "jb", "leerplicht", "jongerenwerk", "om", "oov"],
    ),
    YouthSpec(
        "bilal",
        "Bilal",
        "Idrissi",
        "el",
        15,
        "el_idrissi",
        GroupRole.MEELOPER,
        "Maaspoort College, 3 vmbo",
        CaseStatus.ACTIEF,
        Priority.MIDDEN,
        "sanne",
        6,
        ["politie", "school", "jongerenwerk", "halt"],
    ),
    YouthSpec(
        "dylan",
        "Dylan",
        "Koster",
        "",
        16,
        "koster",
        GroupRole.MEELOPER,
        "Maaspoort College, 4 vmbo",
        CaseStatus.NAZORG,
        Priority.LAAG,
        "sanne",
        8,
        ["wijkteam", "school", "woning"],
    ),
    YouthSpec(
        "jayden",
        "Jayden",
        "Martina",
        "",
        18,
        "martina",
        GroupRole.KOPSTUK,
        "Leer-werktraject bouw",
        CaseStatus.AFGESLOTEN,
        Priority.MIDDEN,
        "karim",
        8,
        ["reclassering", "politie", "leerplicht"],
    ),
    YouthSpec(
        "jurgen",
        "Jurgen",
        "Martina",
        "",
        16,
        "martina",
        GroupRole.RANDFIGUUR,
        "Maaspoort College, 3 vmbo",
        CaseStatus.SCREENING,
        Priority.MIDDEN,
        "karim",
        1,
        ["politie"],
    ),
    YouthSpec(
        "emre",
        "Emre",
        "Yılmaz",
        "",
        17,
        "yilmaz",
        GroupRole.MEELOPER,
        "Mbo-2 logistiek (veel verzuim)",
        CaseStatus.ACTIEF,
        Priority.HOOG,
        "karim",
        5,
        ["jb", "wijkteam", "politie", "raad", "leerplicht", "oov"],
    ),
    YouthSpec(
        "kevin",
        "Kevin",
        "Graaf",
        "de",
        15,
        "de_graaf",
        GroupRole.ONBEKEND,
        "Maaspoort College, 2 vmbo",
        CaseStatus.AANGEMELD,
        Priority.MIDDEN,
        "sanne",
        0,
        [],
    ),
    YouthSpec(
        "diego",
        "Diego",
        "Tavares",
        "",
        16,
        "tavares",
        GroupRole.RANDFIGUUR,
        "Maaspoort College, 4 havo",
        CaseStatus.NIET_OPGENOMEN,
        Priority.LAAG,
        "karim",
        3,
        ["jongerenwerk"],
    ),
    YouthSpec(
        "noah",
        "Noah",
        "Verbeek",
        "",
        17,
        "verbeek",
        "",
        "Geen (thuiszitter)",
        CaseStatus.ACTIEF,
        Priority.MIDDEN,
        "karim",
        4,
        ["woning", "wijkteam", "leerplicht"],
    ),
]


# A working team's caseload: besides the Tarwewijk group above, a few dozen more youths over
# the last year and a half, in every phase, and a second group in Feijenoord.
MORE_FIRST_NAMES = [
    "Milan", "Daan", "Luca", "Rayan", "Liam", "Mees", "Finn", "Adam", "Jesse", "Youssef",
    "Kevin", "Dani", "Lars", "Ryan", "Owen", "Ibrahim", "Stefano", "Gio", "Jordy", "Thijs",
    "Damian", "Ilias", "Sven", "Tygo", "Levi", "Noa", "Lina",
]  # fmt: skip
MORE_LAST_NAMES = [
    ("", "Jansen"), ("de", "Wit"), ("", "Yilmaz"), ("van", "Dam"), ("", "Bouzid"),
    ("", "Pinas"), ("", "Kaya"), ("van der", "Linden"), ("", "Martina"), ("", "Öztürk"),
    ("de", "Graaf"), ("", "Rodrigues"), ("", "Brouwer"), ("el", "Amrani"), ("", "Koster"),
    ("", "Sedney"), ("", "Demir"), ("van", "Leeuwen"), ("", "Haddou"), ("", "Vos"),
    ("", "Tahiri"), ("de", "Jong"), ("", "Soares"), ("", "Wouters"), ("", "Arslan"),
    ("", "Mahabier"), ("", "Visser"),
]  # fmt: skip
MORE_STREETS = {
    "Charlois": ["Wolphaertsbocht", "Dordtsestraatweg", "Pleinweg", "Katendrechtse Lagedijk"],
    "Feijenoord": ["Putselaan", "Hillevliet", "Pretorialaan", "Paul Krugerstraat"],
}
# Status, how many, months ago they were registered (spread over 18 months).
MORE_STATUSES = [
    (CaseStatus.AANGEMELD, 3, (0, 0)),
    (CaseStatus.SCREENING, 4, (0, 1)),
    (CaseStatus.ACTIEF, 10, (2, 12)),
    (CaseStatus.NAZORG, 4, (8, 15)),
    (CaseStatus.AFGESLOTEN, 4, (10, 18)),
    (CaseStatus.NIET_OPGENOMEN, 2, (3, 9)),
]
PARTNER_SETS = [
    ["wijkteam", "leerplicht"],
    ["politie", "jongerenwerk", "school"],
    ["jb", "wijkteam"],
    ["reclassering", "politie"],
    ["leerplicht", "school", "jongerenwerk"],
    ["woning", "wijkteam", "politie"],
]


def more_youths() -> tuple[list, dict]:
    """The generated part of the demo (the same every time): specs and their households."""
    rng = random.Random(1312)
    specs, households = [], {}
    number = 0
    for status, count, (newest, oldest) in MORE_STATUSES:
        for _ in range(count):
            first = MORE_FIRST_NAMES[number]
            prefix, last = MORE_LAST_NAMES[number]
            in_second_group = number % 3 == 0 and status != CaseStatus.NIET_OPGENOMEN
            district = "Feijenoord" if in_second_group or number % 4 == 1 else "Charlois"
            key = f"extra{number}"
            households[key] = (
                f"Huishouden {(prefix[:1].upper() + prefix[1:] + ' ' + last).strip()}",
                rng.choice(MORE_STREETS[district]),
                str(rng.randint(2, 180)),
                f"30{rng.randint(71, 86)} {rng.choice('ABCDEGHJKL')}{rng.choice('ABCDEGHJKL')}",
                [(rng.choice(["Fatima", "Linda", "Esra", "Marisa", "Nadia"]), last.title(),
                  Relation.MOEDER, True)],
                district,
            )  # fmt: skip
            specs.append(
                YouthSpec(
                    key,
                    first,
                    last,
                    prefix,
                    rng.randint(14, 21),
                    key,
                    rng.choice([GroupRole.MEELOPER, GroupRole.RANDFIGUUR, GroupRole.KOPSTUK])
                    if in_second_group
                    else "",
                    rng.choice(["VMBO 3", "MBO 1", "Geen (thuiszitter)", "Praktijkonderwijs"]),
                    status,
                    rng.choice([Priority.HOOG, Priority.MIDDEN, Priority.MIDDEN, Priority.LAAG]),
                    "sanne" if number % 2 == 0 else "karim",
                    rng.randint(newest, oldest),
                    list(PARTNER_SETS[number % len(PARTNER_SETS)]),
                    group="afrikaanderwijk",
                )
            )
            number += 1
    return specs, households


# (youth key, intervention name, partner key, status, start months ago, planned end in days)
INTERVENTIONS = [
    ("ayoub", "Gebiedsverbod", "oov", InterventionStatus.LOPEND, 4, 10),
    ("ayoub", "Jeugdreclassering", "jb", InterventionStatus.LOPEND, 5, 120),
    ("ayoub", "Leerplichttraject", "leerplicht", InterventionStatus.AFGEROND, 6, None),
    ("ayoub", "Gedragsaanwijzing OvJ", "om", InterventionStatus.LOPEND, 2, 60),
    ("bilal", "Halt-traject", "halt", InterventionStatus.AFGEROND, 5, None),
    ("bilal", "Jongerencoach (jongerenwerk)", "jongerenwerk", InterventionStatus.LOPEND, 4, 12),
    ("bilal", "Begeleiding zorgteam school", "school", InterventionStatus.LOPEND, 3, 90),
    ("dylan", "Ambulante jeugdhulp", "wijkteam", InterventionStatus.AFGEROND, 7, None),
    ("dylan", "Schuldhulpverlening", "wijkteam", InterventionStatus.LOPEND, 4, 45),
    ("dylan", "Gedragsaanwijzing huurder", "woning", InterventionStatus.GESTOPT, 6, None),
    ("jayden", "Werkstraf", "reclassering", InterventionStatus.AFGEROND, 7, None),
    ("jayden", "Leer-werktraject", "leerplicht", InterventionStatus.AFGEROND, 6, None),
    ("jurgen", "Stopgesprek", "politie", InterventionStatus.VOORGESTELD, 0, None),
    ("emre", "Ondertoezichtstelling (OTS)", "jb", InterventionStatus.LOPEND, 4, 200),
    ("emre", "Gezinscoaching", "wijkteam", InterventionStatus.LOPEND, 3, 8),
    ("emre", "Meldplicht (burgemeester)", "oov", InterventionStatus.VOORGESTELD, 0, None),
    ("emre", "RMC-traject", "leerplicht", InterventionStatus.LOPEND, 2, 100),
    ("noah", "Multisysteemtherapie (MST)", "wijkteam", InterventionStatus.LOPEND, 3, 60),
    ("noah", "Leerplichttraject", "leerplicht", InterventionStatus.LOPEND, 2, 30),
]

# Leefwereld insights per youth: (kind, source, statement, themes, about the key figure?).
LEEFWERELD = {
    "ayoub": [
        (
            "drijfveer",
            "onderzoek",
            "Wil gezien worden als iemand die ‘het gemaakt heeft’; status in de groep telt zwaar.",
            ["Status en respect"],
            False,
        ),
        (
            "motivatie",
            "gesprek",
            "Wil een scooter en eigen geld; noemt een opleiding tot monteur als droom.",
            ["Geld", "Werk"],
            False,
        ),
        ("barriere", "partner", "Schulden bij oudere jongens uit de wijk.", ["Geld"], False),
        (
            "barriere",
            "gesprek",
            "Wantrouwen naar instanties na de uithuisplaatsing van een neef.",
            ["Wantrouwen instanties"],
            False,
        ),
        (
            "behoefte",
            "onderzoek",
            "Een volwassene die hem serieus neemt zonder te veroordelen.",
            ["Status en respect"],
            False,
        ),
        (
            "gemis",
            "onderzoek",
            "Mist steun bij de opvoeding nu vader in ploegendienst werkt.",
            ["Opvoeding"],
            True,
        ),
        (
            "behoefte",
            "gesprek",
            "Wil weten wat ze kan doen als Ayoub ’s avonds niet thuiskomt.",
            ["Opvoeding", "Veiligheid"],
            True,
        ),
    ],
    "bilal": [
        (
            "drijfveer",
            "observatie",
            "Volgt zijn oudere broer; wil erbij horen.",
            ["Status en respect", "Vriendengroep"],
            False,
        ),
        (
            "behoefte",
            "gesprek",
            "Iets te doen na school: voetbal of een bijbaan.",
            ["Vrije tijd"],
            False,
        ),
        (
            "gemis",
            "onderzoek",
            "Zorgen om Bilal die zijn broer achterna gaat.",
            ["Zorg om broertje of zusje"],
            True,
        ),
    ],
    "emre": [
        (
            "drijfveer",
            "gesprek",
            "Loyaal aan vrienden; wil niet als ‘verrader’ gezien worden.",
            ["Vriendengroep", "Status en respect"],
            False,
        ),
        (
            "motivatie",
            "gesprek",
            "Sport (kickboksen) geeft structuur; wil zijn mbo-diploma halen.",
            ["Vrije tijd", "School"],
            False,
        ),
        (
            "barriere",
            "partner",
            "Veel verzuim; slaapt overdag; spanningen thuis over geld.",
            ["School", "Geld"],
            False,
        ),
        (
            "behoefte",
            "onderzoek",
            "Hulp bij geldzaken in het gezin zonder dat vader zich gepasseerd voelt.",
            ["Geld", "Opvoeding"],
            True,
        ),
    ],
    "dylan": [
        ("barriere", "gesprek", "Schulden bij een telefoonabonnement.", ["Geld"], False),
        ("behoefte", "gesprek", "Een stageplek in de techniek.", ["Werk", "School"], False),
    ],
}
# Relations in the Tarwewijk group: (youth, kind, other youth or household-member first
# name or free text, note).
RELATIONS = [
    ("ayoub", "broer", "bilal", "Bilal kijkt tegen hem op."),
    ("ayoub", "invloed", "emre", "Emre doet mee als Ayoub erbij is."),
    ("ayoub", "invloed", "dylan", ""),
    ("bilal", "volgt", "ayoub", ""),
    ("emre", "vriend", "dylan", "Samen op kickboksen."),
    ("jayden", "rivaal", "ayoub", "Ruzie over geld uit een eerdere diefstal."),
    ("ayoub", "moeder", "Samira", "De enige die hij vertrouwt."),
    ("bilal", "moeder", "Samira", ""),
    ("emre", "moeder", "Ayşe", "Sleutelfiguur; staat open voor hulp."),
    ("dylan", "moeder", "Linda", ""),
    (
        "ayoub",
        "buurtfiguur",
        "Rachid, eigenaar snackbar Dordtsestraatweg",
        "Geeft hem klusjes; positieve invloed.",
    ),
]

CONTACT_SUMMARIES = {
    ContactKind.HUISBEZOEK: "Huisbezoek afgelegd. Sfeer in huis rustig; afspraken doorgenomen.",
    ContactKind.GESPREK: "Gesprek met de jongere over school en vrienden. Open houding.",
    ContactKind.TELEFONISCH: "Telefonisch contact over de afspraak van volgende week.",
    ContactKind.STRAATCONTACT: "Jongere aangetroffen bij het pleintje met drie groepsleden. "
    "Kort gesproken, rustig verlopen.",
    ContactKind.GESPREK_OUDERS: "Gesprek met moeder over zorgen om het late thuiskomen.",
    ContactKind.OVERLEG: "Afstemming met betrokken partners over de volgende stap in het plan.",
    ContactKind.SCHOOLBEZOEK: "Op school gesproken met mentor over verzuim en gedrag in de klas.",
    ContactKind.DETENTIEBEZOEK: "Bezoek in de jeugdinrichting; voorbereiding op terugkeer.",
}
FOLLOW_UPS = [
    "",
    "Over twee weken opnieuw langs.",
    "Terugkoppeling naar de procescoördinator.",
    "Afspraak gemaakt met moeder voor volgende week.",
]


def demo_bsn(seed: int) -> str:
    """A made-up BSN from the 9999xxxxx range that passes the 11-proef."""
    candidate = 999900000 + seed * 37
    while not bsn_passes_eleven_test(str(candidate)):
        candidate += 1
    return str(candidate)


def is_loaded() -> bool:
    return YouthGroup.objects.filter(name=MARKER_GROUP).exists()


def demo_totp_key(username: str) -> str:
    """A fixed, made-up TOTP secret per demo account (never use this outside the demo)."""
    return hashlib.sha1(f"pga-demo-{username}".encode()).hexdigest()


def ensure_demo_devices():
    """Every demo account gets a confirmed authenticator device (idempotent)."""
    for username, *_rest in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is not None:
            TOTPDevice.objects.get_or_create(
                user=user,
                name="Demo-app",
                defaults={"key": demo_totp_key(username), "confirmed": True},
            )


class NotADemoDatabase(Exception):
    """The database holds cases that are not demo data: the demo must not touch it."""


def demo_bsns() -> set[str]:
    return {demo_bsn(number) for number in range(1, len(YOUTHS) + len(more_youths()[0]) + 1)}


def foreign_cases() -> int:
    """How many cases are not the demo's own (the demo's youths carry made-up BSNs)."""
    return Case.objects.exclude(youth__bsn__in=demo_bsns()).count()


@transaction.atomic
def load_demo(today=None) -> bool:
    """Load the demo. Returns False (and adds nothing) when it was loaded before.

    The demo makes accounts with a published password and known second-factor secrets, so
    it refuses a database that holds any case that is not demo data. Every change is dated
    at the moment it describes (``recorded_at``): the history, the contacts' *vastgelegd op*
    and the monthly overviews read like a team's last year and a half, not like one load."""
    if foreign_cases():
        raise NotADemoDatabase(
            f"Deze database bevat {foreign_cases()} casus(sen) die geen demogegevens zijn. "
            "De demo maakt accounts met een bekend wachtwoord en laadt daarom niet."
        )
    if is_loaded():
        ensure_demo_devices()
        return False
    # The replayed events of the past tell nobody; today's reminders fill the demo's
    # Meldingen lists (without mailing anyone).
    with notifications(PAUSED):
        today = today or timezone.localdate()
        rng = random.Random(2026)
        system = _ensure_system_user()
        more_specs, more_households = more_youths()
        specs = YOUTHS + more_specs
        start = _moment(_months_ago(today, 19), 9)
        with recorded_at(start):
            partners = _load_partners(system)
            users = _load_accounts(partners, system)
            households = _load_households(system, {**HOUSEHOLDS, **more_households})
        youths, cases = _load_youths_and_cases(today, specs, households, users, partners, rng)
        _load_groups(specs, youths, system, today)
        _load_group_approach(today, youths, partners, users)
        _load_interventions(today, cases, partners, users)
        _load_contacts(today, cases, users, rng)
        _load_assessments(today, cases, users, rng)
        _load_plans_and_meetings(today, cases, users, rng)
        _load_toetsen(today, cases, users, rng)
        _close_cases(today, cases, users)
        _load_api_accounts(today, partners, users)
    with notifications(NO_EMAIL):
        send_reminders(today)
    ensure_demo_devices()
    return True


def _moment(day, hour: int, minute: int = 0) -> datetime:
    """``day`` at ``hour``, and never later than a minute ago."""
    moment = timezone.make_aware(datetime.combine(day, time(hour=hour, minute=minute)))
    return min(moment, timezone.now() - timedelta(minutes=1))


def _ensure_system_user():
    user, _ = User.objects.get_or_create(
        username="demo-loader",
        defaults={"first_name": "Demo", "last_name": "loader", "is_active": False},
    )
    return user


def _load_partners(by):
    partners = {}
    for key, name, kind in PARTNERS:
        partner = Partner(name=name, kind=kind, email=f"pga-{key}@example.org")
        partners[key] = save_partner(partner, by=by, reason="Demo: ketenpartner aangemaakt")
    return partners


ROLE_RIGHTS = {
    "coordinator": Right.COORDINATOR,
    "beheer": Right.BEHEER,
    "toezicht": Right.TOEZICHT,
    "management": Right.MANAGEMENT,
}


def _load_accounts(partners, by):
    """Accounts with their rights, as the operator gives them at installation: through the
    rechtenlog (from the command line), so the demo's beheerders see where each came from."""
    users = {}
    for username, first, last, partner_key, job_title, role in ACCOUNTS:
        user = User(username=username, first_name=first, last_name=last)
        user.email = f"{username}@example.org"
        user.set_password(DEMO_PASSWORD)
        stamp(user, by=by, reason="Demo: account aangemaakt")
        user.save()
        if role:
            change_rights_from_command_line(
                user, ROLE_RIGHTS[role], grant=True, reason=f"Demo: {job_title.lower()}"
            )
        if partner_key:  # beheer, toezicht and management work for no partner, see no case
            change_rights_from_command_line(
                user,
                Right.ORGANISATION,
                grant=True,
                partner=partners[partner_key],
                reason="Demo: medewerker",
            )
            membership = user.membership
            membership.job_title = job_title
            save_with_history(membership, by=by, reason="Demo: functie")
        users[username] = user
    return users


def _load_households(by, specs: dict):
    households = {}
    for key, (name, street, number, postcode, members, *district) in specs.items():
        household = Household(
            name=name,
            street=street,
            house_number=number,
            postcode=postcode,
            city="Rotterdam",
            district=District.objects.get(name=district[0] if district else "Charlois"),
        )
        save_with_history(household, by=by, reason="Demo: huishouden aangemaakt")
        for first, last, relation, key_figure in members:
            member = HouseholdMember(
                household=household,
                first_name=first,
                last_name=last,
                relation=relation,
                is_key_figure=key_figure,
                phone="06-12345678" if key_figure else "",
            )
            save_with_history(member, by=by, reason="Demo: gezinslid aangemaakt")
        households[key] = household
    return households


def _months_ago(today, months):
    return today - timedelta(days=30 * months + 3)


def _load_youths_and_cases(today, specs, households, users, partners, rng):
    youths, cases = {}, {}
    for number, spec in enumerate(specs, start=1):
        household = households[spec.household]
        born = today.replace(year=today.year - spec.age_years) - timedelta(
            days=rng.randint(20, 300)
        )
        coordinator = users[spec.coordinator]
        registered_on = _months_ago(today, spec.months_ago)
        with recorded_at(_moment(registered_on, 9, 30)):
            youth = Youth(
                first_name=spec.first_name,
                name_prefix=spec.name_prefix,
                last_name=spec.last_name,
                date_of_birth=born,
                bsn=demo_bsn(number),
                daytime_activity=spec.daytime,
                household=household,
            )
            save_with_history(youth, by=coordinator, reason="Demo: jongere geregistreerd")
            youths[spec.key] = youth
            case = register_case(
                youth=youth,
                coordinator=coordinator,
                by=coordinator,
                registered_on=registered_on,
                priority=spec.priority,
                priority_rationale=(
                    "Kopstuk van de groep, recente incidenten met geweld."
                    if spec.priority == Priority.HOOG
                    else "Zorgen over afglijden; nog geen ernstige delicten."
                ),
                referred_by=partners["politie"],
                referral_reason=(
                    "Aangemeld vanuit de jeugdgroepaanpak: overlast, schoolverzuim en "
                    "signalen van betrokkenheid bij diefstal."
                ),
            )
        cases[spec.key] = (spec, case)
        if spec.status != CaseStatus.AANGEMELD:
            on = min(registered_on + timedelta(days=3), today)
            with recorded_at(_moment(on, 10)):
                change_status(
                    case,
                    CaseStatus.SCREENING,
                    by=coordinator,
                    reason="Aanmelding compleet; screening gestart",
                    on=on,
                )
        if spec.status == CaseStatus.AANGEMELD:
            continue
        for offset, partner_key in enumerate(spec.partners):
            started_on = min(registered_on + timedelta(days=4 + offset), today)
            with recorded_at(_moment(started_on, 11, offset)):
                involve_partner(
                    case,
                    partners[partner_key],
                    by=coordinator,
                    role=InvolvementRole.CASUSREGISSEUR
                    if offset == 0
                    else InvolvementRole.BETROKKEN,
                    legal_basis=LegalBasis.WETTELIJKE_TAAK
                    if partner_key == "leerplicht"
                    else LegalBasis.CONVENANT,
                    started_on=started_on,
                    contact_person=_employee_of(users, partner_key),
                    reason="Nodig voor de aanpak, besproken in de screening",
                    # The access ends by itself; a few within two weeks (the dashboard).
                    expires_on=max(
                        default_expires_on(started_on),
                        today + timedelta(days=rng.choice([5, 11, 40, 75, 120, 150])),
                    ),
                    **_demo_level(partner_key, lead=offset == 0),
                )
        if spec.status in (CaseStatus.ACTIEF, CaseStatus.NAZORG, CaseStatus.AFGESLOTEN):
            on = registered_on + timedelta(days=14)
            with recorded_at(_moment(on, 15)):
                # The duty to inform: no case becomes actief without it (cases/informing).
                change_status(
                    case,
                    CaseStatus.ACTIEF,
                    by=coordinator,
                    reason="Besproken in het casusoverleg: opgenomen in de PGA",
                    on=on,
                    informing=_demo_informing(spec.key, registered_on, today),
                )
            with recorded_at(_moment(on + timedelta(days=2), 10)):
                update_case(
                    case,
                    by=coordinator,
                    reason="Plan van aanpak vastgesteld in het casusoverleg",
                    next_review_on=today + timedelta(days=rng.choice([-10, 12, 30, 60])),
                    plan="Eén gezin, één plan: school, vrije tijd en gezin tegelijk aanpakken.",
                    next_steps="Evaluatie in het volgende casusoverleg.",
                )
        if spec.status == CaseStatus.NAZORG:
            on = today - timedelta(days=rng.randint(10, 40))
            with recorded_at(_moment(on, 14)):
                change_status(
                    case,
                    CaseStatus.NAZORG,
                    by=coordinator,
                    reason="Doelen grotendeels bereikt; afgeschaald naar nazorg",
                    on=on,
                )
    return youths, cases


# Partners that need to know *that* a case exists and who is involved, not its content
# (docs/privacy.md): their employees see the 'dat' view in the demo.
DAT_PARTNERS = frozenset({"leerplicht", "woning", "school"})


def _demo_level(partner_key, *, lead: bool) -> dict:
    """'dat' for the partners above, unless it leads the case (casusregisseur)."""
    if partner_key in DAT_PARTNERS and not lead:
        return {"information_level": "dat"}
    return {
        "information_level": "wat",
        "level_reason": "Werkt mee aan het plan van aanpak onder het convenant.",
    }


# Two active cases whose youth is not informed yet (a criminal investigation runs), with
# the day to reconsider that, counted from today: one has passed (the dashboard lists it),
# one lies ahead.
NOT_INFORMED_YET = {"extra7": -5, "extra9": 25}
NOT_INFORMED_REASON = (
    "Lopend strafrechtelijk onderzoek: de politie vraagt de jongere en de ouders nog niet te "
    "informeren, zodat het onderzoek niet wordt geschaad."
)


def _demo_informing(key, registered_on, today) -> dict:
    """The informing recorded when a demo case becomes actief: informed at the intake talk
    two days before the casusoverleg, or (NOT_INFORMED_YET) why not yet."""
    if key in NOT_INFORMED_YET:
        return {
            "informed_on": None,
            "not_informed_reason": NOT_INFORMED_REASON,
            "inform_review_on": today + timedelta(days=NOT_INFORMED_YET[key]),
        }
    return {
        "informed_on": registered_on + timedelta(days=12),
        "not_informed_reason": "",
        "inform_review_on": None,
    }


def _employee_of(users, partner_key):
    for username, _first, _last, key, _job, role in ACCOUNTS:
        if key == partner_key and role is None:
            return users[username]
    return None


GROUPS = {
    "tarwewijk": (
        MARKER_GROUP,
        "Charlois",
        "Pleintje bij de sporthal, snackbar aan de Dordtsestraatweg",
        "Groep van ongeveer acht jongens van 15 tot 18 jaar uit de Tarwewijk en Carnisse. "
        "Overlast in de avond, enkele groepsleden verdacht van winkeldiefstal en bedreiging. "
        "Twee broerparen in de groep.",
        400,
    ),
    "afrikaanderwijk": (
        SECOND_GROUP,
        "Feijenoord",
        "Afrikaanderplein, portiek aan de Hillevliet",
        "Wisselende groep van tien tot vijftien jongeren van 14 tot 20 jaar. Overlast en "
        "intimidatie van bewoners; signalen van drugsrunnen voor oudere jongens.",
        240,
    ),
}


def _load_groups(specs, youths, by, today):
    for key, (name, district, places, description, days_ago) in GROUPS.items():
        since = today - timedelta(days=days_ago)
        with recorded_at(_moment(since, 13)):
            group = create_youth_group(
                by=by,
                reason="Demo: signalen van de wijkagent",
                name=name,
                district=District.objects.get(name=district),
                meeting_places=places,
            )
        with recorded_at(_moment(since + timedelta(days=30), 14)):
            add_group_reading(group, by=by, text=description, written_on=since + timedelta(days=30))
            for spec in specs:
                if spec.group != key or not spec.group_role:
                    continue
                membership = GroupMembership(
                    youth_group=group, youth=youths[spec.key], role=spec.group_role, since_on=since
                )
                save_with_history(membership, by=by, reason="Demo: groepslid uit de groepsscan")


def _load_group_approach(today, youths, partners, users):
    """The Tarwewijk group as a workspace: phases, a second groepsduiding, relations, the
    leefwereld insights of its youths and their mothers, and a group plan."""
    group = YouthGroup.objects.get(name=MARKER_GROUP)
    sanne = users["sanne"]
    since = today - timedelta(days=GROUPS["tarwewijk"][4])
    steps = [
        ("informatie", 20, "Politie, school en jongerenwerk delen wat ze zien."),
        ("duiding", 45, "Genoeg informatie voor een groepsduiding."),
        ("analyse", 90, "Groepsduiding besproken in het groepsoverleg."),
        ("plan", 150, "Advies: de moeders centraal, jongerenwerk erbij."),
        ("uitvoering", 200, "Integraal plan vastgesteld in het groepsoverleg."),
    ]
    for phase, days, reason in steps:
        on = min(since + timedelta(days=days), today)
        with recorded_at(_moment(on, 15)):
            change_group_phase(group, by=sanne, phase=phase, entered_on=on, reason=reason)
    on = min(since + timedelta(days=160), today)
    with recorded_at(_moment(on, 11)):
        add_group_reading(
            group,
            by=sanne,
            written_on=on,
            text=(
                "De kern is kleiner geworden: een vaste kern van vier met een kopstuk, de rest "
                "loopt mee. Geld en status zijn wat de groep bindt; de moeders maken zich "
                "zorgen maar voelen zich alleen staan."
            ),
        )
    names = {name for items in LEEFWERELD.values() for *_, listed, _k in items for name in listed}
    themes = {name: Theme.objects.get_or_create(name=name)[0] for name in names}
    recorded = {}
    for key, items in LEEFWERELD.items():
        youth = youths[key]
        key_figure = youth.household.members.filter(is_key_figure=True).first()
        for index, (kind, source, statement, names, about_key_figure) in enumerate(items):
            on = min(since + timedelta(days=60 + 9 * index), today)
            with recorded_at(_moment(on, 16)):
                recorded[(key, index)] = record_insight(
                    by=sanne,
                    kind=kind,
                    source=source,
                    statement=statement,
                    noted_on=on,
                    themes=[themes[name] for name in names],
                    youth=youth,
                    household_member=key_figure if about_key_figure else None,
                )
    on = min(since + timedelta(days=120), today)
    with recorded_at(_moment(on, 16)):
        shared = record_insight(
            by=sanne,
            kind="behoefte",
            source="onderzoek",
            statement="De moeders willen elkaar treffen om ervaringen te delen.",
            noted_on=on,
            themes=[themes["Opvoeding"]],
            youth_group=group,
        )
        for youth_key, kind, other, note in RELATIONS:
            youth = youths[youth_key]
            target = {}
            if other in youths:
                target["other_youth"] = youths[other]
            elif youth.household.members.filter(first_name=other).exists():
                target["adult"] = youth.household.members.get(first_name=other)
            else:
                target["other_person"] = other
            add_relation(youth, by=sanne, kind=kind, note=note, since_on=since, **target)
    on = min(since + timedelta(days=200), today)
    with recorded_at(_moment(on, 10)):
        goal = add_group_goal(
            group,
            by=sanne,
            target="De moeders staan er niet meer alleen voor en weten elkaar te vinden.",
            themes=[themes["Opvoeding"]],
            insights=[shared, recorded[("ayoub", 6)]],
        )
        add_group_intervention(
            group,
            by=sanne,
            kind="moeders",
            description="Maandelijkse moederbijeenkomst in het buurthuis, met de gezinscoach.",
            goal=goal,
            responsible_partner=partners["wijkteam"],
            status=InterventionStatus.LOPEND,
            started_on=on,
            themes=[themes["Opvoeding"]],
            insights=[shared],
        )
        add_group_intervention(
            group,
            by=sanne,
            kind="sketches",
            description="Sketches die situaties op het plein naspelen, met het jongerenwerk.",
            responsible_partner=partners["jongerenwerk"],
            status=InterventionStatus.VOORGESTELD,
            themes=[themes["Status en respect"]],
            insights=[recorded[("ayoub", 0)], recorded[("bilal", 0)]],
        )


# For the generated cases: what a partner in their set typically carries out.
TYPICAL_INTERVENTION = {
    "wijkteam": "Ambulante jeugdhulp",
    "jongerenwerk": "Jongerencoach (jongerenwerk)",
    "leerplicht": "Leerplichttraject",
    "reclassering": "Werkstraf",
    "jb": "Jeugdreclassering",
    "woning": "Gedragsaanwijzing huurder",
}


def _load_interventions(today, cases, partners, users):
    planned = list(INTERVENTIONS)
    for key, (spec, _case) in cases.items():
        if key.startswith("extra") and spec.status in (CaseStatus.ACTIEF, CaseStatus.NAZORG):
            partner_key = next((k for k in spec.partners if k in TYPICAL_INTERVENTION), None)
            if partner_key:
                planned.append(
                    (key, TYPICAL_INTERVENTION[partner_key], partner_key,
                     InterventionStatus.LOPEND, max(spec.months_ago - 1, 0), 40)
                )  # fmt: skip
    for youth_key, type_name, partner_key, status, months, planned_days in planned:
        spec, case = cases[youth_key]
        started_on = None
        if status != InterventionStatus.VOORGESTELD:
            started_on = min(
                max(_months_ago(today, months), case.registered_on + timedelta(days=15)), today
            )
        ended_on = None
        if status in (InterventionStatus.AFGEROND, InterventionStatus.GESTOPT):
            ended_on = min(today - timedelta(days=25), started_on + timedelta(days=90))
        with recorded_at(_moment(started_on or case.registered_on + timedelta(days=15), 12)):
            add_intervention(
                case,
                by=users[spec.coordinator],
                intervention_type=InterventionType.objects.get(name=type_name),
                responsible_partner=partners[partner_key],
                goal=f"Afspraak uit het plan van aanpak: {type_name}.",
                status=status,
                started_on=started_on,
                planned_end_on=today + timedelta(days=planned_days) if planned_days else None,
                ended_on=ended_on,
                outcome="Traject volgens plan afgerond."
                if status == InterventionStatus.AFGEROND
                else "",
                reason="Demo: interventie uit het plan van aanpak",
            )


def _load_contacts(today, cases, users, rng):
    now = timezone.now()
    for spec, case in (value for value in cases.values()):
        # Contacts are logged by the partners' own employees (an organisation without a demo
        # account logs none): never a coordinator under another organisation's name.
        involvements = list(
            case.involvements.filter(contact_person__isnull=False).select_related(
                "partner", "contact_person"
            )
        )
        if not involvements:
            continue
        count = {CaseStatus.SCREENING: 3, CaseStatus.NIET_OPGENOMEN: 2}.get(spec.status, 16)
        # Contacts stop when the case ends (see _close_cases).
        last_day = {
            CaseStatus.AFGESLOTEN: _closed_on(spec, case, today) - timedelta(days=1),
            CaseStatus.NIET_OPGENOMEN: case.registered_on + timedelta(days=9),
        }.get(spec.status, today)
        for _ in range(count):
            involvement = rng.choice(involvements)
            author = involvement.contact_person
            first_day = max(involvement.started_on, last_day - timedelta(days=182))
            span = max((last_day - first_day).days - 1, 0)
            day = first_day + timedelta(days=rng.randint(0, span))
            occurred_at = timezone.make_aware(
                datetime.combine(day, time(hour=rng.randint(9, 20), minute=rng.choice([0, 15, 30])))
            )
            occurred_at = min(occurred_at, now - timedelta(hours=1))
            kind = rng.choice(list(ContactKind))
            logged_at = min(occurred_at + timedelta(minutes=rng.randint(20, 180)), now)
            with recorded_at(logged_at):
                _log_demo_contact(case, author, involvement, occurred_at, logged_at, kind, rng)


def _log_demo_contact(case, author, involvement, occurred_at, logged_at, kind, rng):
    log_contact(
        case,
        by=author,
        partner=involvement.partner,
        occurred_at=occurred_at,
        kind=kind,
        with_whom=ContactWith.MOEDER if kind == ContactKind.GESPREK_OUDERS else ContactWith.JONGERE,
        summary=CONTACT_SUMMARIES[kind],
        follow_up=rng.choice(FOLLOW_UPS),
        visibility=ContactVisibility.RESTRICTED if rng.random() < 0.2 else ContactVisibility.SHARED,
        created_at=logged_at,
    )


def _load_assessments(today, cases, users, rng):
    domains = list(AssessmentDomain.objects.filter(is_active=True))
    for spec, case in cases.values():
        if spec.status not in (CaseStatus.ACTIEF, CaseStatus.NAZORG, CaseStatus.AFGESLOTEN):
            continue
        base = {domain: rng.randint(1, 3) for domain in domains}
        end = _closed_on(spec, case, today) if spec.status == CaseStatus.AFGESLOTEN else today
        for step, days_ago in enumerate((150, 90, 30)):
            assessed_on = end - timedelta(days=days_ago)
            if assessed_on < case.registered_on:
                continue
            with recorded_at(_moment(assessed_on, 14)):
                record_assessment(
                    case,
                    by=users[spec.coordinator],
                    assessed_on=assessed_on,
                    scores={d: min(5, score + rng.randint(0, step)) for d, score in base.items()},
                    notes="Meting in het casusoverleg.",
                )


# A goal per life domain (ZRM names), with agreements that serve it.
GOALS = {
    "Werk & opleiding": (
        "Gaat elke schooldag naar school; verzuim onder de 5 procent.",
        [
            "Gesprek met school en ouders plannen over het verzuim",
            "Aanmelding bij het leer-werktraject versturen",
        ],
    ),
    "Tijdsbesteding": (
        "Heeft een vaste dagbesteding van minstens vier dagen per week.",
        ["Kennismaking bij de sportvereniging regelen", "Jongerenwerk stelt een weekrooster op"],
    ),
    "Justitie": (
        "Geen nieuwe politiecontacten in een half jaar; werkstraf afgerond.",
        ["Terugkoppeling over de voortgang van de werkstraf", "Huisbezoek samen met de wijkagent"],
    ),
    "Financiën": (
        "Schulden in beeld en een betalingsregeling loopt.",
        ["Schuldhulpverlening inschakelen en eerste afspraak maken"],
    ),
    "Huiselijke relaties": (
        "Ouders en jongere spreken elkaar wekelijks zonder escalatie.",
        ["Gezinsgesprek met het wijkteam plannen"],
    ),
    "Huisvesting": (
        "Geen overlastmeldingen meer over de woning.",
        ["Contact met de woningcorporatie over de overlastmeldingen"],
    ),
}
DECISIONS = [
    (DecisionKind.OPSCHALEN, "Zorgen op meerdere leefgebieden; inbreng Zorg- en Veiligheidshuis gevraagd."),
    (DecisionKind.AFSLUITVOORSTEL, "Doelen grotendeels behaald; voorstel om na de evaluatie af te sluiten."),
    (DecisionKind.PRIORITEIT, "Nieuwe incidenten in de wijk; de tafel verhoogt de prioriteit."),
]  # fmt: skip


def _load_plans_and_meetings(today, cases, users, rng):
    """Goals for the running cases, and a casusoverleg every two weeks over the last four
    months: each running case discussed about every six weeks, with invitations,
    attendance, a verslag, sometimes a decision, and two or three agreements, most done by
    now, a few overdue. One meeting lies ahead, its agenda still open."""
    domains = list(AssessmentDomain.objects.filter(is_active=True, name__in=GOALS))
    running = [
        (spec, case)
        for spec, case in cases.values()
        if spec.status in (CaseStatus.ACTIEF, CaseStatus.NAZORG) and case.started_on
    ]
    goals = {}
    for spec, case in running:
        with recorded_at(_moment(case.started_on, 15)):
            goals[case.pk] = [
                add_goal(case, by=users[spec.coordinator], domain=d, target=GOALS[d.name][0])
                for d in rng.sample(domains, min(2, len(domains)))
            ]
    chair = users[running[0][0].coordinator] if running else None
    first = today - timedelta(days=120)
    meeting_days = [first + timedelta(days=14 * n) for n in range(9)]
    held = [day for day in meeting_days if day <= today - timedelta(days=1)]
    for n, day in enumerate(held):
        discussed = [
            (spec, case)
            for i, (spec, case) in enumerate(running)
            if i % 3 == n % 3 and case.started_on <= day
        ]
        if discussed:
            # The last one held still has its verslag in draft.
            _hold_demo_meeting(
                day, discussed, goals, users, chair, rng, today, final=n + 1 < len(held)
            )
    upcoming = today + timedelta(days=3)
    with recorded_at(_moment(today, 8)):
        meeting = plan_meeting(
            by=chair,
            kind=MeetingKind.REGULIER,
            starts_at=timezone.make_aware(datetime.combine(upcoming, time(hour=10))),
            location="Stadhuis, zaal 3",
            chair=chair,
            minute_taker=chair,
        )
        for _spec, case in running[:4]:
            item = add_agenda_item(
                meeting, case, by=chair, question="Voortgang van het plan; wie pakt wat op?"
            )
            # Only partners at the 'wat' level come to the table (cases.meetings.services).
            for involvement in case.involvements.active().filter(information_level="wat")[:2]:
                invite_partner(item, involvement.partner, by=chair)


def _hold_demo_meeting(day, discussed, goals, users, chair, rng, today, final=True):
    starts_at = timezone.make_aware(datetime.combine(day, time(hour=10)))
    with recorded_at(_moment(day - timedelta(days=7), 9)):
        meeting = plan_meeting(
            by=chair,
            kind=MeetingKind.REGULIER,
            starts_at=starts_at,
            location="Stadhuis, zaal 3",
            chair=chair,
            minute_taker=chair,
        )
        items = []
        for _spec, case in discussed:
            item = add_agenda_item(
                meeting, case, by=chair, question="Voortgang van het plan; wie pakt wat op?"
            )
            involved = list(
                case.involvements.active()
                .filter(information_level="wat")
                .select_related("partner")[:3]
            )
            for involvement in involved:
                invite_partner(item, involvement.partner, by=chair)
            items.append((case, item, involved))
    with recorded_at(_moment(day, 12)):
        for case, item, involved in items:
            record_attendance(
                item,
                {
                    invitation.pk: rng.choice(["aanwezig", "aanwezig", "aanwezig", "afgemeld"])
                    for invitation in item.invitations.all()
                },
                by=chair,
            )
            record_minutes(
                item,
                by=chair,
                minutes="Besproken: voortgang op school en thuis. Partners delen hun beeld; "
                "de lijn van het plan blijft staan.",
            )
            if rng.random() < 0.25:
                kind, reason = rng.choice(DECISIONS)
                if kind == DecisionKind.PRIORITEIT and case.priority == Priority.HOOG:
                    kind, reason = DECISIONS[0]
                record_decision(
                    item, by=chair, kind=kind, reason=reason,
                    new_priority=Priority.HOOG if kind == DecisionKind.PRIORITEIT else None,
                )  # fmt: skip
                case.refresh_from_db()
            for _ in range(rng.randint(2, 3) if involved else 0):
                goal = rng.choice(goals.get(case.pk) or [None])
                texts = GOALS[goal.domain.name][1] if goal else ["Terugkoppeling aan de tafel"]
                make_agreement(
                    case,
                    by=chair,
                    agenda_item=item,
                    description=rng.choice(texts),
                    partner=rng.choice(involved).partner,
                    due_on=day + timedelta(days=rng.choice([14, 21, 28, 42])),
                    goal=goal,
                )
            for goal in goals.get(case.pk, []):
                evaluate_goal(
                    goal, by=chair, outcome=rng.choice(["deels", "niet", "behaald"]),
                    evaluated_on=day, agenda_item=item,
                )  # fmt: skip
        if final:
            finalise_meeting(meeting, by=chair)
    for _case, item, involved in items:
        people = {i.partner_id: i.contact_person for i in involved if i.contact_person}
        for agreement in item.agreements.all():
            done_on = agreement.due_on - timedelta(days=rng.randint(0, 10))
            if done_on < today and rng.random() < 0.8:
                with recorded_at(_moment(done_on, 16)):
                    finish_agreement(
                        agreement,
                        by=people.get(agreement.partner_id, chair),
                        status="gedaan",
                        note=rng.choice(["", "Gedaan, terugkoppeling in het volgende overleg."]),
                    )


TOETS_KEEP_REASONS = {
    PartnerKind.POLITIE: "Signalen uit de wijk en de groep blijven nodig voor het veiligheidsbeeld.",
    PartnerKind.OM: "Lopende strafzaak: afstemming over de afdoening blijft nodig.",
    PartnerKind.LEERPLICHT: "Het verzuim wordt nog gevolgd; leerplicht blijft aan tafel.",
    PartnerKind.JONGERENWERK: "Jongerenwerk is het dagelijkse contact met de jongere.",
    PartnerKind.WIJKTEAM: "De gezinscoach begeleidt moeder; nodig voor het gezinsplan.",
}


def _load_toetsen(today, cases, users, rng):
    """Proportionaliteitstoetsen (issue 18) at the interval, since each case became active:
    a history on every case in the PGA, one case that scaled down (a partner lowered to
    'dat', one ended), one whose toets is a few days overdue and one active case whose toets
    was forgotten and is long overdue."""
    in_pga = [
        (spec, case)
        for spec, case in cases.values()
        if spec.status in (CaseStatus.ACTIEF, CaseStatus.NAZORG)
    ]
    for _spec, case in in_pga:
        case.refresh_from_db()
    forgotten = next(
        (
            case
            for spec, case in in_pga
            if spec.status == CaseStatus.ACTIEF
            and spec.coordinator == "sanne"
            and case.next_toets_on < today - timedelta(days=45)
        ),
        None,
    )
    late = None  # one more case whose toets is a few days overdue: the dashboard's tile
    for spec, case in in_pga:
        if case == forgotten:
            continue
        previous = None
        while case.next_toets_on <= today - timedelta(days=3):
            day = case.next_toets_on + timedelta(days=rng.randint(-2, 5))
            day = min(max(day, previous or day), today - timedelta(days=1))
            last = next_toets_due(day, case.next_review_on) > today - timedelta(days=3)
            if last and late is None and case.next_toets_on >= today - timedelta(days=20):
                late = case
                break
            with recorded_at(_moment(day, 13, 30)):
                _demo_toets(case, users[spec.coordinator], day)
            previous = day
    # A case in nazorg scaled down this week: one partner whose part is done ends, another
    # is lowered to 'dat'.
    day = today - timedelta(days=2)
    nazorg = [(spec, case) for spec, case in in_pga if spec.status == CaseStatus.NAZORG]
    if nazorg:
        spec, case = max(nazorg, key=lambda pair: _scale_down_fit(pair[1], day))
        day = max([day, *case.toetsen.values_list("reviewed_on", flat=True)])
        with recorded_at(_moment(day, 15)):
            _demo_toets(case, users[spec.coordinator], day, scale_down=True)


def _scale_down_fit(case, day) -> tuple:
    """How well a case in nazorg shows a scale-down: one partner done (it ends) and another
    at 'wat' that is not the casusregisseur (it is lowered) first, then the most done."""
    done = _done_partners(case, day)
    lowerable = [
        i
        for i in active_involvements(case)
        if i.role != InvolvementRole.CASUSREGISSEUR
        and i.information_level == "wat"
        and i not in done[:1]
    ]
    return (bool(done) and bool(lowerable), len(done))


def _done_partners(case, day) -> list:
    """The involvements (not the casusregisseur's) of partners with nothing logged, planned
    or open in the case after ``day``."""
    return [
        i
        for i in active_involvements(case)
        if i.role != InvolvementRole.CASUSREGISSEUR
        and not case.contacts.filter(partner=i.partner, occurred_at__date__gt=day).exists()
        and not case.interventions.filter(
            responsible_partner=i.partner,
            status__in=[InterventionStatus.VOORGESTELD, InterventionStatus.LOPEND],
        ).exists()
        and not case.agreements.filter(partner=i.partner, status="open").exists()
        and not Invitation.objects.filter(
            item__case=case, partner=i.partner, item__meeting__starts_at__date__gt=day
        ).exists()
    ]


def _demo_toets(case, coordinator, day, scale_down: bool = False):
    involvements = active_involvements(case)
    decisions = {
        i: ("behouden", TOETS_KEEP_REASONS.get(i.partner.kind, "Werkt mee aan het plan."))
        for i in involvements
    }
    if scale_down:
        done = _done_partners(case, day)
        if done:
            decisions[done[0]] = (
                "beeindigen",
                "Het deel van deze partner in het plan is afgerond.",
            )
        lower = [
            i
            for i in involvements
            if i.role != InvolvementRole.CASUSREGISSEUR
            and i not in done[:1]
            and i.information_level == "wat"
        ]
        if lower:
            decisions[lower[0]] = (
                "verlagen",
                "In nazorg volstaat weten dat de casus loopt en wie betrokken is.",
            )
    record_toets(
        case,
        by=coordinator,
        reviewed_on=day,
        meets_criteria=not scale_down,
        adds_value=True,
        scale_down_possible=scale_down,
        reason=(
            "Doelen grotendeels bereikt en al maanden geen incidenten. In nazorg blijven "
            "alleen de partners betrokken die het gezin nog begeleiden."
            if scale_down
            else "Nog steeds meervoudige problematiek (school, groep, thuis). De aanpak houdt "
            "de partners bij elkaar; afschalen is nog te vroeg."
        ),
        decisions=decisions,
    )


def _closed_on(spec, case, today):
    """A closed case ended some nine months after its registration, at least two weeks ago."""
    return min(today - timedelta(days=15), case.registered_on + timedelta(days=270))


def _close_cases(today, cases, users):
    """Closing comes last: a closed case takes no more contacts."""
    for spec, case in cases.values():
        if spec.status == CaseStatus.NIET_OPGENOMEN:
            on = case.registered_on + timedelta(days=10)
            with recorded_at(_moment(on, 16)):
                change_status(
                    case,
                    CaseStatus.NIET_OPGENOMEN,
                    by=users[spec.coordinator],
                    reason="Geen meervoudige problematiek; advies aan jongerenwerk",
                    on=on,
                    closure_reason=ClosureReason.DOORVERWEZEN,
                )
        if spec.status == CaseStatus.AFGESLOTEN:
            on = _closed_on(spec, case, today)
            with recorded_at(_moment(on, 16)):
                change_status(
                    case,
                    CaseStatus.AFGESLOTEN,
                    by=users[spec.coordinator],
                    reason="Werkstraf en leer-werktraject afgerond; geen nieuwe incidenten",
                    on=on,
                    closure_reason=ClosureReason.DOELEN_BEREIKT,
                )


def demo_api_key(username: str) -> str:
    """The demo's published key of a system account (like its published password: the demo
    refuses any database with real cases)."""
    number = [name for name, _system, _partner in API_ACCOUNTS].index(username) + 1
    secret = hashlib.sha256(f"{DEMO_PASSWORD}:{username}".encode()).hexdigest()[:43]
    return f"pga_demo{number:04d}_{secret}"


def _load_api_accounts(today, partners, users):
    """System accounts with an approved token each, through the rechtenlog and the token's
    four eyes like any other; only the key is the demo's own (published) one."""
    for username, system_name, partner_key in API_ACCOUNTS:
        account = User(username=username, first_name="Systeem", last_name=system_name)
        account.set_unusable_password()
        stamp(account, by=users["beheer"], reason="Demo: systeemaccount aangemaakt")
        account.save()
        right, partner = (
            (Right.ORGANISATION, partners[partner_key]) if partner_key else (Right.MANAGEMENT, None)
        )
        change_rights_from_command_line(
            account, right, grant=True, partner=partner, reason="Demo: systeemkoppeling"
        )
        key = demo_api_key(username)
        token = ApiToken(
            user=account,
            name=system_name,
            prefix=key.split("_")[1],
            key_hash=key_hash(key),
            expires_on=today + timedelta(days=365),
            reason="Demo: koppeling volgens het convenant",
            proposed_by=users["beheer"],
        )
        stamp(token, by=users["beheer"], reason="API-token voorgesteld (demo)")
        token.save()
        approve_api_token(token, by=users["bea"], note="Demo: akkoord")


def demo_accounts():
    """(username, name, organisation, role) of every demo account, for printing."""
    rows = []
    for username, first, last, partner_key, job_title, _role in ACCOUNTS:
        partner_name = next((name for key, name, _kind in PARTNERS if key == partner_key), "—")
        rows.append((username, f"{first} {last}", partner_name, job_title))
    return rows
