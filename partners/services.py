"""State changes of partner organisations, their members, and everyone's rights; each records
who and why."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import (
    Membership,
    Partner,
    PartnerKind,
    Right,
    RightsChange,
    RightsChangeStatus,
)
from partners.permissions import is_administrator
from partners.roles import role_group
from pga.history import delete_with_history, save_with_history, stamp

User = get_user_model()


def group_name_for(partner_name: str) -> str:
    return f"Ketenpartner: {partner_name}"


@transaction.atomic
def save_partner(partner: Partner, *, by, reason: str) -> Partner:
    """Create or update a partner and keep its one auth Group in step (created, renamed).

    The group carries the partner's object permissions on cases, so it is never made or
    renamed by hand.
    """
    wanted = group_name_for(partner.name)
    if partner.group_id is None:
        partner.group, _ = Group.objects.get_or_create(name=wanted)
    elif partner.group.name != wanted:
        partner.group.name = wanted
        partner.group.save(update_fields=["name"])
    save_with_history(partner, by=by, reason=reason)
    return partner


@transaction.atomic
def set_membership(user, partner: Partner, *, by, reason: str, **fields) -> Membership:
    """Make ``user`` an employee of ``partner`` (one organisation per user), and keep the
    user's partner-group membership in step, so guardian's own checks agree with ours."""
    membership = Membership.objects.filter(user=user).first() or Membership(user=user)
    membership.partner = partner
    for name, value in fields.items():
        setattr(membership, name, value)
    save_with_history(membership, by=by, reason=reason)
    sync_partner_groups(users=[user])
    return membership


def sync_partner_groups(users=None) -> list[str]:
    """Put every user in exactly the group of their own organisation. Returns what changed."""
    changes = []
    partner_groups = {p.group_id: p for p in Partner.objects.select_related("group")}
    memberships = Membership.objects.select_related("user", "partner")
    if users is not None:
        memberships = memberships.filter(user__in=users)
    wanted = {m.user_id: m.partner.group_id for m in memberships}
    through = User.groups.through
    held = through.objects.filter(group_id__in=partner_groups)
    if users is not None:
        held = held.filter(user_id__in=[u.pk for u in users])
    for row in held.select_related("user", "group"):
        if wanted.get(row.user_id) != row.group_id:
            changes.append(f"- {row.user.username} uit groep {row.group.name}")
            row.delete()
    have = set(held.values_list("user_id", "group_id"))
    for membership in memberships:
        if (membership.user_id, membership.partner.group_id) not in have:
            membership.user.groups.add(membership.partner.group_id)
            changes.append(f"+ {membership.user.username} in groep {membership.partner.group.name}")
    return changes


# Rights: who may do what. Every grant takes two people; every withdrawal takes effect at
# once. These functions are the only way roles, the organisation, the staff and superuser
# flags and an account's activity change (the admin's fields for them are read-only).

NO_REASON = _("Geef een reden op.")


def _label(user) -> str:
    if user is None:
        return str(_("de opdrachtregel van de server"))
    return user.get_full_name() or user.get_username()


def holds(user, right, partner=None) -> bool:
    """Whether ``user`` has ``right`` now (with ``partner``: works for that organisation)."""
    if right == Right.ORGANISATION:
        membership = Membership.objects.filter(user=user).first()
        if partner is None:
            return membership is not None
        return membership is not None and membership.partner_id == partner.pk
    if right == Right.SUPERUSER:
        return user.is_superuser
    if right == Right.ACCOUNT:
        return user.is_active
    return user.groups.filter(name=role_group(right)).exists()


def check_rights_proposal(user, right, *, grant, partner, by, reason):
    """Raise ValidationError (per field) if this proposal cannot be made."""
    errors = {}
    if by is not None and not is_administrator(by):
        raise ValidationError(_("Alleen functioneel beheer kan rechten wijzigen."))
    if not (reason or "").strip():
        errors["reason"] = NO_REASON
    if right == Right.ORGANISATION and grant and partner is None:
        errors["partner"] = _("Kies de organisatie.")
    if right != Right.ORGANISATION and partner is not None:
        errors["partner"] = _("Een organisatie hoort alleen bij 'medewerker van een ketenpartner'.")
    if not errors and grant:
        errors.update(_role_and_organisation_clash(user, right, partner))
    if not errors:
        held = holds(user, right, partner if grant else None)
        if grant and held:
            errors["right"] = _("Dit account heeft dit recht al.")
        if not grant and not held:
            errors["right"] = _("Dit account heeft dit recht niet; er valt niets in te trekken.")
    if RightsChange.objects.filter(
        user=user, right=right, status=RightsChangeStatus.PROPOSED
    ).exists():
        errors.setdefault(
            "right",
            _("Er ligt al een voorstel voor dit recht van dit account; besluit daar eerst over."),
        )
    if errors:
        raise ValidationError(errors)


MUNICIPAL_ROLES = (Right.COORDINATOR, Right.BEHEER, Right.TOEZICHT, Right.MANAGEMENT)


def _role_and_organisation_clash(user, right, partner) -> dict:
    """The municipal roles (coordinator, beheer, toezicht, management) are never held by an employee of a
    chain partner: otherwise withdrawing the organisation alone (which takes effect at once)
    would open what two beheerders never agreed to open."""
    membership = Membership.objects.filter(user=user).select_related("partner").first()
    chain_employee = membership is not None and membership.partner.kind != PartnerKind.GEMEENTE
    if right in MUNICIPAL_ROLES and chain_employee:
        return {
            "right": _(
                "Een medewerker van een ketenpartner (%(partner)s) krijgt geen rol van de gemeente."
            )
            % {"partner": membership.partner}
        }
    if right == Right.ORGANISATION and partner is not None and partner.kind != PartnerKind.GEMEENTE:
        roles = [r for r in MUNICIPAL_ROLES if holds(user, r)]
        if roles:
            return {
                "partner": _(
                    "Dit account heeft een rol van de gemeente (%(roles)s); trek die eerst in "
                    "voordat het bij een ketenpartner gaat werken."
                )
                % {"roles": ", ".join(str(Right(r).label) for r in roles)}
            }
    return {}


@transaction.atomic
def propose_rights_change(user, right, *, grant: bool, by, reason: str, partner=None):
    """A beheerder proposes a change of ``user``'s rights. A grant waits for a second
    beheerder (``approve_rights_change``); a withdrawal takes effect at once."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one change at a time
    check_rights_proposal(user, right, grant=grant, partner=partner, by=by, reason=reason)
    change = RightsChange(
        user=user, right=right, grant=grant, partner=partner, reason=reason.strip(), proposed_by=by
    )
    stamp(change, by=by, reason=_("Rechtenwijziging voorgesteld"))
    change.save()
    if not grant:
        _decide(change, by=by, note="", status=RightsChangeStatus.APPLIED)
        _apply(change)
    return change


@transaction.atomic
def approve_rights_change(change, *, by, note: str = ""):
    """A second beheerder approves a proposed grant, which then takes effect."""
    change = RightsChange.objects.select_for_update().get(pk=change.pk)
    if not is_administrator(by):
        raise ValidationError(_("Alleen functioneel beheer kan een voorstel goedkeuren."))
    if not change.is_open:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    if change.proposed_by_id == by.pk:
        raise ValidationError(
            _("U kunt uw eigen voorstel niet goedkeuren: dat doet een tweede beheerder.")
        )
    if change.user_id == by.pk:
        raise ValidationError(_("U kunt geen voorstel over uw eigen rechten goedkeuren."))
    _decide(change, by=by, note=note, status=RightsChangeStatus.APPLIED)
    _apply(change)
    return change


@transaction.atomic
def reject_rights_change(change, *, by, note: str):
    """A beheerder (the proposer too, to withdraw it) rejects a proposal, with a reason."""
    change = RightsChange.objects.select_for_update().get(pk=change.pk)
    if not is_administrator(by):
        raise ValidationError(_("Alleen functioneel beheer kan een voorstel afwijzen."))
    if not change.is_open:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    if not (note or "").strip():
        raise ValidationError({"note": NO_REASON})
    _decide(change, by=by, note=note, status=RightsChangeStatus.REJECTED)
    return change


@transaction.atomic
def change_rights_from_command_line(user, right, *, grant: bool, reason: str, partner=None):
    """For the server's operator (installing, or an emergency): takes effect at once and is
    in the rechtenlog with 'de opdrachtregel' as proposer and decider. Whoever can run this
    can read the database anyway; every use is visible to the beheerders."""
    check_rights_proposal(user, right, grant=grant, partner=partner, by=None, reason=reason)
    change = RightsChange(
        user=user,
        right=right,
        grant=grant,
        partner=partner,
        reason=reason.strip(),
        status=RightsChangeStatus.APPLIED,
        decided_at=timezone.now(),
    )
    stamp(change, by=None, reason=_("Rechtenwijziging op de opdrachtregel"))
    change.save()
    _apply(change)
    return change


def _decide(change, *, by, note, status):
    change.status = status
    change.decided_by = by
    change.decided_at = timezone.now()
    change.decision_note = (note or "").strip()
    stamp(change, by=by, reason=change.get_status_display())
    change.save()


def _apply(change):
    """Carry out a decided change on the account, with who and why in its history."""
    user = User.objects.get(pk=change.user_id)
    by = change.decided_by
    verb = _("toegekend") if change.grant else _("ingetrokken")
    reason = _(
        "%(right)s %(verb)s (rechtenwijziging %(pk)s; voorgesteld door %(proposer)s, "
        "besloten door %(decider)s): %(reason)s"
    ) % {
        "right": change.get_right_display(),
        "verb": verb,
        "pk": change.pk,
        "proposer": _label(change.proposed_by),
        "decider": _label(by),
        "reason": change.reason,
    }
    if change.right == Right.ORGANISATION:
        if change.grant:
            set_membership(user, change.partner, by=by, reason=reason)
        else:
            membership = Membership.objects.filter(user=user).first()
            if membership is not None:
                delete_with_history(membership, by=by, reason=reason)
            sync_partner_groups(users=[user])
        return
    if change.right in MUNICIPAL_ROLES:
        group = Group.objects.get(name=role_group(change.right))
        stamp(user, by=by, reason=reason)  # the m2m change writes the user's history row
        if change.grant:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    if change.right == Right.SUPERUSER:
        user.is_superuser = change.grant
    if change.right == Right.ACCOUNT:
        user.is_active = change.grant
    # Django's admin login asks for the staff flag: it follows the beheer role (and
    # superuser), and is never set on its own.
    user.is_staff = (
        user.is_superuser or user.groups.filter(name=settings.ADMINISTRATORS_GROUP).exists()
    )
    stamp(user, by=by, reason=reason)
    user.save()
