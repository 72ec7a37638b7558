"""What the product keeps of a username typed at a failed login.

People type their password into the username box. So a typed name is kept (in the access log
and in the lock-out's records) only when an account has that name; anything else is kept as
"unknown" or as a keyed fingerprint, never as the text itself.
"""

from django.contrib.auth import get_user_model
from django.utils.crypto import salted_hmac

MAX_LENGTH = 150


def known_username(typed) -> str:
    """``typed`` if it is the username of an account, else ''."""
    if not isinstance(typed, str) or not typed or len(typed) > MAX_LENGTH or "\x00" in typed:
        return ""
    exists = get_user_model()._default_manager.filter(username=typed).exists()
    return typed if exists else ""


def username_for_lockout(request, credentials=None) -> str:
    """AXES_USERNAME_CALLABLE: the lock-out counts failures per (account, address). An
    unknown name is counted under its fingerprint, so its text is not stored."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = getattr(request, "POST", {}).get("username")
    if not typed:
        return ""
    known = known_username(typed)
    if known:
        return known
    return "onbekend-" + salted_hmac("pga.lockout.username", str(typed)).hexdigest()[:12]
