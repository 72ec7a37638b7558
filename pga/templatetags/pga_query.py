from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context, key, label):
    """A column header that sorts the list (ascending, then descending), says how it is
    sorted now (aria-sort), and keeps the other filters."""
    request = context["request"]
    current = request.GET.get("sort", "-aangemeld")
    params = request.GET.copy()
    params.pop("pagina", None)
    params["sort"] = f"-{key}" if current == key else key
    url = "?" + params.urlencode()
    sort = "none"
    if current == key:
        sort = "ascending"
    elif current == f"-{key}":
        sort = "descending"
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="{}" hx-get="{}" hx-target="#caseload" '
        'hx-push-url="true">{}</a></th>',
        sort,
        url,
        url,
        label,
    )
