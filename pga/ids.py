"""What an id in a URL or form may be: a positive whole number that fits a database id
column (bigint). A larger number names nothing, and the database would refuse to compare
with it (a server error instead of a 404)."""

MAX_ID = 2**63 - 1


def as_id(value) -> int | None:
    """``value`` as an id, or None when it cannot be one."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
