"""HTML to PDF with WeasyPrint, safely.

WeasyPrint is imported when the first PDF is made (its import is slow and needs Pango).
The URL fetcher reads our own static files and nothing else: no file:// paths, no http(s),
no data: URLs, so text a user typed can never make the renderer read a file or call out.
One FontConfiguration is reused for every document of the process.

Python's cyclic garbage collector is paused while a document is laid out: WeasyPrint builds
a large graph of short-lived boxes, and the collector would otherwise walk it dozens of
times per document, about 15 % of the rendering time. What the document leaves behind is
collected by the next regular pass once the collector runs again.
"""

import gc
import io
import logging
import mimetypes
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache

from django.contrib.staticfiles import finders

logger = logging.getLogger(__name__)

# A base URL that resolves nowhere: relative /static/ links become STATIC_PREFIX + path.
BASE_URL = "https://pga.invalid/"
STATIC_PREFIX = BASE_URL + "static/"


class RefusedURL(ValueError):
    pass


@lru_cache(maxsize=1)
def _weasyprint():
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    return weasyprint, FontConfiguration()


def static_only_fetcher():
    weasyprint, _fonts = _weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves files found by Django's staticfiles finders; refuses every other URL."""

        def fetch(self, url, headers=None):
            if not url.startswith(STATIC_PREFIX):
                logger.warning("PDF: refused to fetch %s", url[:200])
                raise RefusedURL(f"Only our own static files may be fetched, not {url[:200]}")
            relative = url.removeprefix(STATIC_PREFIX).split("?")[0].split("#")[0]
            path = finders.find(relative) if ".." not in relative else None
            if not path:
                raise RefusedURL(f"No such static file: {relative}")
            with open(path, "rb") as handle:
                body = handle.read()
            mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    return StaticOnlyFetcher()


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector for one bounded piece of work (leaves it off if
    someone else had switched it off already)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_pdf(html: str) -> bytes:
    """Render ``html`` (from one of the templates in templates/pdf/) to PDF bytes."""
    weasyprint, fonts = _weasyprint()
    with collector_paused():
        document = weasyprint.HTML(
            string=html, base_url=BASE_URL, url_fetcher=static_only_fetcher()
        )
        return document.write_pdf(font_config=fonts)


# A part of a long document starts its page numbers where the previous part ended. The total
# is not known while the first parts are laid out, so the footer gives the page alone; a user
# stylesheet's !important wins over the document's own footer.
_PART_CSS = """
@page { @bottom-right { content: "Pagina " counter(page) !important; } }
@page :first { counter-reset: page %d; }
"""


def render_pdf_parts(htmls: Iterable[str]) -> bytes:
    """Render each HTML document of ``htmls`` (a generator: the next part is made only when
    the previous one is written) and join their PDFs into one. Only one part's layout is in
    memory at a time, so a document of a thousand pages takes the memory of one part; the
    pages are numbered on across the parts."""
    from pypdf import PdfReader, PdfWriter

    weasyprint, fonts = _weasyprint()
    writer = PdfWriter()
    pages = 0
    for html in htmls:
        with collector_paused():
            document = weasyprint.HTML(
                string=html, base_url=BASE_URL, url_fetcher=static_only_fetcher()
            ).render(
                stylesheets=[weasyprint.CSS(string=_PART_CSS % (pages + 1))], font_config=fonts
            )
            pages += len(document.pages)
            pdf = document.write_pdf()
        del document
        writer.append(PdfReader(io.BytesIO(pdf)))
    joined = io.BytesIO()
    writer.write(joined)
    return joined.getvalue()
