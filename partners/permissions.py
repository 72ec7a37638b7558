"""Who a user is, for access decisions: coordinator, partner employee, or neither; and
which background jobs (``pga.jobs``) and notifications are theirs to see.

Together with ``cases/permissions.py`` this is the only code that decides who sees what.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404

from partners.models import Partner, PartnerKind
from pga.jobs import KINDS
from pga.models import Job, Notification


def is_coordinator(user) -> bool:
    """A procescoördinator: an active member of the coordinators' group.

    Decided by explicit group membership, not by ``has_perm``: a superuser is a technical
    account and gets no case data by virtue of being superuser. Cached on the user object
    for the request.
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_pga_is_coordinator", None)
    if cached is None:
        cached = user.groups.filter(name=settings.COORDINATORS_GROUP).exists()
        user._pga_is_coordinator = cached
    return cached


def coordinators():
    """The active procescoördinatoren, e.g. for a 'coordinator' choice."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=settings.COORDINATORS_GROUP)
        .order_by("first_name", "last_name")
    )


def choosable_partners(user, *, active_only=False):
    """The partner organisations a coordinator filters on or chooses from: all of them, the
    inactive ones too (an old case keeps its partner), or with ``active_only`` those that
    can be involved now. Partner employees get no such list (their caseload has no partner
    filter)."""
    if not is_coordinator(user):
        return Partner.objects.none()
    return Partner.objects.active() if active_only else Partner.objects.all()


def contact_persons():
    """Who may be named as a partner's contact person on an involvement: the active members
    of a partner organisation (a coordinator's choice, e.g. in the involvement form)."""
    return (
        get_user_model()
        .objects.filter(membership__isnull=False, is_active=True)
        .select_related("membership__partner")
        .order_by("membership__partner__name", "first_name")
    )


def partner_of(user) -> Partner | None:
    """The (active) organisation the user works for, or None."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    membership = getattr(user, "membership", None)
    if membership is None or not membership.partner.is_active:
        return None
    return membership.partner


def is_partner_employee(user) -> bool:
    """Works for a chain partner outside the municipality's own organisation."""
    membership = getattr(user, "membership", None) if user and user.is_authenticated else None
    return membership is not None and membership.partner.kind != PartnerKind.GEMEENTE


def can_see_bsn(user) -> bool:
    """The BSN is for coordinators only (DESIGN §5)."""
    return is_coordinator(user)


def _in_group(user, name) -> bool:
    """Membership of a role group; the login backend (pga/auth.py) loads the role groups
    with the user, so asking costs no query on a page."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    cache = getattr(user, "_pga_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._pga_groups = cache
    return name in cache


def is_administrator(user) -> bool:
    """A member of functioneel beheer."""
    return _in_group(user, settings.ADMINISTRATORS_GROUP)


def may_use_admin(user) -> bool:
    """Only members of functioneel beheer reach /beheer/: the staff flag alone (also of a
    gemeente employee) opens nothing, and chain partner employees never get in."""
    return is_administrator(user) and not is_partner_employee(user)


def may_set_password_of(account) -> bool:
    """Whether functioneel beheer may set ``account``'s password. Setting the password of an
    account that holds a right (a role, an organisation, superuser) and has no second factor
    yet would let one beheerder log in as it and enrol their own phone: a grant without a
    second person. Such a password is set on the server (``manage.py changepassword``). An
    account with a confirmed authenticator keeps its second factor, so its password may be
    reset; an account without rights opens nothing."""
    from django_otp import user_has_device

    holds_a_right = (
        account.is_superuser
        or account.groups.filter(
            name__in=[
                settings.COORDINATORS_GROUP,
                settings.ADMINISTRATORS_GROUP,
                settings.SUPERVISORS_GROUP,
                settings.MANAGEMENT_GROUP,
            ]
        ).exists()
        or getattr(account, "membership", None) is not None
    )
    return not holds_a_right or user_has_device(account, confirmed=True)


def may_read_access_log(user) -> bool:
    """Reading the access log is a role of its own (toezicht / privacyfunctionaris); every
    read of it is logged too."""
    return _in_group(user, settings.SUPERVISORS_GROUP) and not is_partner_employee(user)


def is_management(user) -> bool:
    """Management (directie, bureau burgemeester) reads aggregated figures only (/sturing/),
    small numbers suppressed; never a person, a case number or free text. A chain partner's
    employee never holds it, whatever their groups say."""
    return _in_group(user, settings.MANAGEMENT_GROUP) and not is_partner_employee(user)


def may_hold_api_token(user) -> bool:
    """A system account: active, without a password (nobody logs in with it), and either
    bound to one organisation (it reads that organisation's cases through the API) or holding
    the management role only (it reads the suppressed figures). Never a coordinator,
    beheer, toezicht or superuser: the API is no way around the second factor."""
    if not (user and user.is_active) or user.is_superuser or user.has_usable_password():
        return False
    roles = set(user.groups.values_list("name", flat=True))
    if roles & {
        settings.COORDINATORS_GROUP,
        settings.ADMINISTRATORS_GROUP,
        settings.SUPERVISORS_GROUP,
    }:
        return False
    bound = partner_of(user) is not None
    return bound != (settings.MANAGEMENT_GROUP in roles)


def own_notifications(user):
    """A user's notifications are theirs alone (the Meldingen list, the header's count)."""
    if not (user and user.is_authenticated and user.is_active):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def get_notification_for_user(user, notification_id):
    """The user's own notification; anyone else's is 404, as one that does not exist."""
    return get_object_or_404(own_notifications(user), pk=notification_id)


def get_job_for_user(user, job_id) -> Job:
    """The user's own job, while its kind still allows them its result; else 404, as for a
    job that does not exist."""
    job = Job.objects.filter(pk=job_id, user=user).first()
    if job is None or job.kind not in KINDS or not KINDS[job.kind].allowed(user, job.params):
        raise Http404("Deze taak bestaat niet (meer)")
    return job


def jobs_for_user(user):
    """The user's own jobs, newest first (the Downloads page), in one query. The page shows
    each job's kind, never its subject; whether the user may still have the result is asked
    when they open it (get_job_for_user)."""
    listed = [name for name, kind in KINDS.items() if kind.listed]
    return Job.objects.filter(user=user, kind__in=listed).order_by("-created_at", "-pk")[:50]
