"""The sociogram of a youth group: its members and the people around them, and the relations
between them, as one SVG drawn on the server.

Like the charts in ``pga/charts.py`` it needs no JavaScript, passes a strict CSP (SVG
presentation attributes only, no ``style``), prints in WeasyPrint (no ``<marker>``: arrowheads
are small polygons) and reads in black and white: a role shows as a letter and a shape in the
node, a kind of relation as a dash pattern and line width, not only as a colour.

Layout, deterministic (no randomness; keys sorted naturally, "y2" before "y10"):

* The youths sit on an ellipse (wider than high, as labels are wider than high), in blocks
  per household (sorted by household key) with a small gap between blocks; youths without a
  household are spread over those gaps, one or more per gap.
* The adults sit on a second, larger ellipse in the same angle as their household's youths,
  far enough out that the youths' labels fit in between. Each household is one light band
  (an annular sector with a dashed edge) behind its members, its name once just inside the
  inner ellipse.
* Labels are horizontal, outside their node, away from the centre (anchored at the start on
  the right, the end on the left, the middle at top and bottom). A label that would overlap
  a node or an earlier label moves further out in small steps, with a thin leader line.
* A relation is a quadratic curve bowing slightly towards the centre, from node edge to node
  edge; more relations between the same two people fan out side by side. Directed relations
  end in an arrowhead polygon at the target. Every relation has a ``<title>`` for hover.
* The legend, inside the SVG below the drawing, lists only the roles and kinds drawn.
"""

import functools
import hashlib
import math
import re
from dataclasses import dataclass

from django.utils.html import escape


@dataclass(frozen=True)
class Node:
    key: str  # unique, e.g. "y12" (youth), "m7" (household adult), "p3" (other adult)
    label: str  # short name shown, e.g. "Ayoub B."
    role: str  # "kopstuk" | "meeloper" | "randfiguur" | "onbekend" | "volwassene"
    cluster: str | None  # household key, e.g. "h4"; None: no household
    cluster_label: str = ""  # e.g. "Huishouden Bakker", the same for a cluster's nodes


@dataclass(frozen=True)
class Edge:
    source: str  # Node.key
    target: str  # Node.key
    kind: str  # a key of KIND_STYLES; another kind is drawn as "overig"
    label: str  # Dutch label of the kind, e.g. "Heeft invloed op"
    directed: bool  # an arrow from source to target


@dataclass(frozen=True)
class RoleStyle:
    label: str  # Dutch, for the legend and the node's title
    letter: str  # in the node, so that a role is not told by colour alone
    fill: str
    stroke: str
    ink: str  # the letter's colour: at least 4.5:1 against the fill
    size: float  # a circle's radius, a square's half side
    shape: str  # "circle" | "square"


@dataclass(frozen=True)
class KindStyle:
    label: str  # Dutch, when an edge brings none
    colour: str
    width: float
    dash: str  # stroke-dasharray; "" is a solid line


VOLWASSENE = "volwassene"

# In legend order. Colours from pga/charts.py's palette.
ROLE_STYLES = {
    "kopstuk": RoleStyle("Kopstuk", "K", "#014a6e", "#012c42", "#ffffff", 17, "circle"),
    "meeloper": RoleStyle("Meeloper", "M", "#7fb2cf", "#014a6e", "#1a1a1a", 14, "circle"),
    "randfiguur": RoleStyle("Randfiguur", "R", "#ffffff", "#014a6e", "#014a6e", 12.5, "circle"),
    "onbekend": RoleStyle("Onbekend", "?", "#e8e8e8", "#505050", "#1a1a1a", 13, "circle"),
    VOLWASSENE: RoleStyle("Volwassene", "V", "#fff4d6", "#8a4b00", "#1a1a1a", 14, "square"),
}

# In legend order. Family ties solid (broer thick, neef thin), friends long dashes, rivals
# red short dashes, volgt/invloed with arrowheads, the adults' kinds grey with a dash of
# their own.
KIND_STYLES = {
    "broer": KindStyle("Broer", "#014a6e", 3, ""),
    "neef": KindStyle("Neef", "#01689b", 1.5, ""),
    "vriend": KindStyle("Vriend", "#1e6b34", 2, "12 5"),
    "rivaal": KindStyle("Rivaal", "#b2000e", 2.25, "5 3"),
    "volgt": KindStyle("Volgt", "#5b2a86", 1.75, "3 3"),
    "invloed": KindStyle("Heeft invloed op", "#a35a00", 2.5, ""),
    "moeder": KindStyle("Moeder", "#595959", 1.5, "10 3 2 3"),
    "vader": KindStyle("Vader", "#595959", 1.5, "10 3 2 3 2 3"),
    "oudere_broer": KindStyle("Oudere broer", "#595959", 1.75, "7 3"),
    "buurtfiguur": KindStyle("Buurtfiguur", "#595959", 1.75, "2 3"),
    "overig": KindStyle("Andere volwassene", "#8a8a8a", 1.25, "4 4"),
}

CLUSTER_FILL = "#eef6fb"
CLUSTER_STROKE = "#7fb2cf"
INK = "#1a1a1a"
FONT_SIZE = 12  # labels; viewBox units
SMALL_FONT_SIZE = 11  # household names, legend
SCREEN_SCALE = 1.25  # pixels per viewBox unit at the drawing's natural size
# The page's fonts (pga.css), then the PDF's (pdf.css). Widths are estimated for DejaVu Sans,
# the widest of them: CHAR_WIDTH em a character at least, more for wide letters.
FONT_FAMILY = "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
CHAR_WIDTH = 0.62
_NARROW, _WIDE = set("iljtfr.,:;'|!()[] "), set("MWmw")
MAX_LABEL = 30  # characters; the caller shortens names, this only guards the layout

_GAP = 0.8  # slots between two households
_MIN_SPACING = 40  # viewBox units between neighbours on the youths' ellipse, at its sides
_ASPECT = 1.25  # the ellipse's width over its height
_ADULT_DX, _ADULT_DY = 125, 74  # the adults' ellipse, at least this much outside the youths'
_BAND = 26  # a household band's margin around its members
_ARROW_LENGTH, _ARROW_HALF_WIDTH = 10, 4.5
_MARGIN = 14
_CLEARANCE = 30  # how far inside the ellipse a relation passes the people between its ends
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def sociogram_svg(nodes: list[Node], edges: list[Edge], *, title: str) -> str:
    """The SVG markup of the sociogram (a string; the caller marks it safe): every text is
    escaped here. Edges whose source or target is not among ``nodes`` are left out entirely;
    no nodes give an empty string."""
    nodes = _unique(nodes)
    if not nodes:
        return ""
    by_key = {node.key: node for node in nodes}
    edges = _usable_edges(edges, by_key)
    layout = _Layout(nodes)
    labels, leaders = layout.place_labels()
    relations = [_Relation(edge, offset, by_key, layout) for edge, offset in _with_offsets(edges)]
    left, top, right, bottom = layout.bounds(
        labels, leaders, [point for relation in relations for point in relation.points]
    )
    items = legend(nodes, edges)
    # The legend below the drawing, as wide as the drawing (or a little more).
    legend_top = bottom - top + _MARGIN + 18
    legend_svg, legend_width, legend_height = _legend_svg(
        items, layout.clusters, _MARGIN, legend_top, max(right - left, 640)
    )
    width = max(right - left, legend_width) + 2 * _MARGIN
    height = bottom - top + 2 * _MARGIN + (legend_height + 18 if legend_svg else 0)
    # Every coordinate absolute (no transforms): the drawing centred over a wider legend.
    layout.shift(_MARGIN - left + (width - 2 * _MARGIN - (right - left)) / 2, _MARGIN - top)
    for label in labels:
        label.x, label.y = label.x + layout.cx, label.y + layout.cy
    leaders = [
        (x1 + layout.cx, y1 + layout.cy, x2 + layout.cx, y2 + layout.cy)
        for x1, y1, x2, y2 in leaders
    ]
    identity = hashlib.sha1(
        "\n".join(
            [title, *(n.key for n in nodes), *(f"{e.source}>{e.target}:{e.kind}" for e in edges)]
        ).encode(),
        usedforsecurity=False,
    ).hexdigest()[:10]
    title_id, desc_id = f"sociogram-{identity}-title", f"sociogram-{identity}-desc"
    out = [
        # Its natural size (labels of about 15 px): CSS shrinks it to the column, never blows
        # a small group up to giant letters.
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}"'
        f' width="{_n(width * SCREEN_SCALE)}" height="{_n(height * SCREEN_SCALE)}"'
        f' role="img" aria-labelledby="{title_id} {desc_id}" class="sociogram__svg"'
        f' font-family="{FONT_FAMILY}">',
        f'<title id="{title_id}">{_e(title)}</title>',
        f'<desc id="{desc_id}">{_e(_description(nodes, edges, by_key))}</desc>',
        '<g class="sociogram__households">',
        *(_band_svg(cluster, layout) for cluster in layout.clusters),
        "</g>",
        '<g class="sociogram__relations">',
        *(relation.svg(layout.cx, layout.cy) for relation in relations),
        "</g>",
        '<g class="sociogram__leaders">',
        *(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
            f' stroke="#8a8a8a" stroke-width="0.75"/>'
            for x1, y1, x2, y2 in leaders
        ),
        "</g>",
        '<g class="sociogram__people">',
        *(_node_svg(node, layout) for node in nodes),
        "</g>",
        '<g class="sociogram__labels">',
        *(label.svg() for label in labels),
        "</g>",
    ]
    if legend_svg:
        out.append(f'<g class="sociogram__legend">{legend_svg}</g>')
    out.append("</svg>")
    return "".join(out)


def legend(nodes: list[Node], edges: list[Edge]) -> dict:
    """What the legend shows: the roles and kinds that occur, in the fixed order of
    ROLE_STYLES and KIND_STYLES, with their Dutch label (a kind's from its first edge).
    ``{"roles": [(role, label)], "kinds": [(kind, label, directed)]}``; only edges between
    the given nodes count."""
    nodes = _unique(nodes)
    by_key = {node.key: node for node in nodes}
    edges = _usable_edges(edges, by_key)
    roles_used = {_role(node) for node in nodes}
    kinds = {}
    for edge in edges:
        kind = _kind(edge)
        label, directed = kinds.get(kind, ("", False))
        if not label and edge.kind == kind:
            label = _clean(edge.label)
        kinds[kind] = (label, directed or edge.directed)
    return {
        "roles": [(role, s.label) for role, s in ROLE_STYLES.items() if role in roles_used],
        "kinds": [
            (kind, kinds[kind][0] or s.label, kinds[kind][1])
            for kind, s in KIND_STYLES.items()
            if kind in kinds
        ],
    }


# Input -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _natural(key: str):
    """A key to sort by: y2 before y10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", key))


def _unique(nodes):
    """The nodes in key order, the first of each key only."""
    seen = {}
    for node in nodes:
        seen.setdefault(node.key, node)
    return [seen[key] for key in sorted(seen, key=_natural)]


def _role(node) -> str:
    return node.role if node.role in ROLE_STYLES else "onbekend"


def _kind(edge) -> str:
    return edge.kind if edge.kind in KIND_STYLES else "overig"


def _usable_edges(edges, by_key):
    """Edges between two different known nodes, each relation once (an undirected one
    recorded from both sides too), in a fixed order."""
    order = {kind: i for i, kind in enumerate(KIND_STYLES)}
    seen = {}
    for edge in edges:
        if edge.source not in by_key or edge.target not in by_key or edge.source == edge.target:
            continue
        ends = (edge.source, edge.target)
        if not edge.directed:
            ends = tuple(sorted(ends, key=_natural))
        seen.setdefault((*ends, edge.kind, edge.directed), edge)
    return sorted(
        seen.values(),
        key=lambda e: (
            order.get(e.kind, len(order)),
            e.kind,
            _natural(e.source),
            _natural(e.target),
            e.directed,
        ),
    )


def _clean(text) -> str:
    text = _INVALID_XML.sub("", str(text or ""))
    return " ".join(text.split())


def _e(text) -> str:
    return str(escape(_clean(text)))


def _short(text) -> str:
    text = _clean(text)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def _n(value: float) -> str:
    """A coordinate: one decimal at most, never "-0"."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# Layout ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cluster:
    label: str
    start: float  # angles (radians) the band spans
    end: float
    has_adults: bool


class _Label:
    def __init__(self, text, x, y, anchor, *, size=FONT_SIZE, ink=INK, italic=False):
        self.text, self.x, self.y, self.anchor = text, x, y, anchor
        self.size, self.ink, self.italic = size, ink, italic
        self.ink_width = _text_width(text, size)
        # The room the label takes, generously: nothing else goes there.
        self.room = max(len(text) * CHAR_WIDTH * size, self.ink_width)

    def _box(self, width):
        width += 4
        left = {"start": self.x - 2, "middle": self.x - width / 2, "end": self.x - width + 2}
        x = left[self.anchor]
        return x, self.y - 0.8 * self.size, x + width, self.y + 0.3 * self.size

    @property
    def box(self):
        return self._box(self.room)

    def svg(self) -> str:
        # A light background just behind the text, over the lines and bands.
        x1, y1, x2, y2 = self._box(self.ink_width)
        italic = ' font-style="italic"' if self.italic else ""
        return (
            f'<rect x="{_n(x1)}" y="{_n(y1)}" width="{_n(x2 - x1)}" height="{_n(y2 - y1)}"'
            f' rx="2" fill="#ffffff" fill-opacity="0.85"/>'
            f'<text x="{_n(self.x)}" y="{_n(self.y)}" text-anchor="{self.anchor}"'
            f' font-size="{self.size}" fill="{self.ink}"{italic}>{_e(self.text)}</text>'
        )


def _collides(box, boxes) -> bool:
    x1, y1, x2, y2 = box
    return any(x1 < b[2] and b[0] < x2 and y1 < b[3] and b[1] < y2 for b in boxes)


class _Layout:
    """Where every node, household band and label goes, around the centre (0, 0)."""

    def __init__(self, nodes):
        self.nodes = nodes
        self.positions = {}  # key -> (x, y, angle)
        self.cx = self.cy = 0.0  # the centre; moved once by shift()
        households = {}
        loose = []
        for node in nodes:
            if node.cluster:
                households.setdefault(str(node.cluster), []).append(node)
            else:
                loose.append(node)
        # A sequence of blocks round the ellipse: ("gap", weight), ("household", youths,
        # adults) or ("loose", node). Loose nodes spread over the gaps.
        keys = sorted(households, key=_natural)
        gaps = [[] for _ in keys] or [[]]
        for i, node in enumerate(loose):
            gaps[i * len(gaps) // len(loose)].append(node)
        blocks = []
        for i, key in enumerate(keys):
            members = households[key]
            youths = [m for m in members if _role(m) != VOLWASSENE]
            adults = [m for m in members if _role(m) == VOLWASSENE]
            blocks += [("gap", _GAP), ("household", youths, adults), ("gap", _GAP)]
            blocks += [("loose", node) for node in gaps[i]]
        if not keys:
            blocks = [("loose", node) for node in gaps[0]]
        total = 0.0
        for block in blocks:
            total += self._weight(block)
        # Two gaps in a row count once; the last wraps round to the first.
        total -= sum(
            _GAP
            for a, b in zip(blocks, blocks[1:] + blocks[:1], strict=True)
            if a[0] == b[0] == "gap"
        )
        self.step = 2 * math.pi / max(total, 1)
        self.ry = max(110.0, _MIN_SPACING / self.step)
        self.rx = self.ry * _ASPECT
        # At the sides the youths' labels run outwards: the adults sit beyond the longest.
        self.adult_dx = max(
            [_ADULT_DX]
            + [
                _Label(_short(n.label), 0, 0, "start").room + 60
                for n in nodes
                if _role(n) != VOLWASSENE
            ]
        )
        self.clusters = []
        angle = -math.pi / 2 - self.step / 2  # the first slot at the top
        previous = None
        for block in blocks:
            if block[0] == "gap":
                if previous != "gap":
                    angle += _GAP * self.step
            elif block[0] == "loose":
                self._place(block[1], angle + self.step / 2)
                angle += self.step
            else:
                _, youths, adults = block
                members = youths + adults
                slots = max(len(youths), len(adults))
                for row in (youths, adults):
                    first = angle + (slots - len(row)) * self.step / 2
                    for i, node in enumerate(row):
                        self._place(node, first + (i + 0.5) * self.step)
                label = next((m.cluster_label for m in members if _clean(m.cluster_label)), "")
                self.clusters.append(
                    _Cluster(_short(label), angle, angle + slots * self.step, bool(adults))
                )
                angle += slots * self.step
            previous = block[0]

    @staticmethod
    def _weight(block) -> float:
        if block[0] == "gap":
            return block[1]
        if block[0] == "loose":
            return 1
        return max(len(block[1]), len(block[2]))

    def point(self, angle, outward=0.0, *, adult=False):
        rx, ry = self.rx + outward, self.ry + outward
        if adult:
            rx, ry = rx + self.adult_dx, ry + _ADULT_DY
        return self.cx + rx * math.cos(angle), self.cy + ry * math.sin(angle)

    def shift(self, dx, dy):
        """Move the whole drawing by (dx, dy)."""
        self.cx, self.cy = self.cx + dx, self.cy + dy
        self.positions = {k: (x + dx, y + dy, a) for k, (x, y, a) in self.positions.items()}

    def _place(self, node, angle):
        x, y = self.point(angle, adult=_role(node) == VOLWASSENE)
        self.positions[node.key] = (x, y, angle)

    def node_box(self, node):
        x, y, _ = self.positions[node.key]
        size = ROLE_STYLES[_role(node)].size + 2
        return x - size, y - size, x + size, y + size

    def place_labels(self):
        """Every node's label and every household's name, none overlapping a node or
        another label: ([_Label], [leader lines as (x1, y1, x2, y2)])."""
        taken = [self.node_box(node) for node in self.nodes]
        labels, leaders = [], []
        order = sorted(self.nodes, key=lambda n: (self.positions[n.key][2], _natural(n.key)))
        for node in order:
            x, y, angle = self.positions[node.key]
            size = ROLE_STYLES[_role(node)].size
            text = _short(node.label)
            chosen = None
            for label, (px, py) in self._candidates(text, x, y, angle, size):
                if not _collides(label.box, taken):
                    chosen = (label, px, py)
                    break
                chosen = chosen or (label, px, py)
            label, px, py = chosen
            gap = math.hypot(px - x, py - y)
            if gap > size + 16:  # far from its node: a thin line to it
                ux, uy = (px - x) / gap, (py - y) / gap
                leaders.append((x + ux * (size + 2), y + uy * (size + 2), px - ux * 2, py - uy * 2))
            labels.append(label)
            taken.append(label.box)
        for cluster in self.clusters:
            if not cluster.label:
                continue
            chosen = None
            for label in self._household_candidates(cluster):
                if not _collides(label.box, taken):
                    chosen = label
                    break
                chosen = chosen or label
            labels.append(chosen)
            taken.append(chosen.box)
        return labels, leaders

    def _household_candidates(self, cluster):
        """Places for a household's name, best first: just outside its band, in line with
        its middle (beyond its people, where no relation runs), further out step by step and
        turned a little to either side; at last inside the ring."""
        middle, span = (
            (cluster.start + cluster.end) / 2,
            max(self.step, cluster.end - cluster.start),
        )
        look = {"size": SMALL_FONT_SIZE, "italic": True, "ink": "#014a6e"}
        for step in range(30):
            for turn in (0, 0.3, -0.3):
                angle = middle + turn * span
                ux, uy = math.cos(angle), math.sin(angle)
                x, y = self.point(angle, _BAND + 6 + step * 8, adult=cluster.has_adults)
                yield self._outward(cluster.label, x, y, ux, uy, **look)
        for step in range(14):
            for turn in (0, 0.5, -0.5, 1, -1):
                angle = middle + turn * span
                ux, uy = math.cos(angle), math.sin(angle)
                x, y = self.point(angle, -_BAND - 10 - step * 10)
                yield self._outward(cluster.label, x, y, -ux, -uy, **look)

    def _candidates(self, text, x, y, angle, size):
        """Places for a node's label, best first, each with the point it starts from:
        outward from the centre, further and further; near the top and bottom, where
        neighbours' labels meet side by side, first beside the node too."""
        ux, uy = math.cos(angle), math.sin(angle)
        for step in range(24):
            distance = size + 5 + step * 7
            point = (x + ux * distance, y + uy * distance)
            yield self._outward(text, *point, ux, uy), point
            if abs(ux) <= 0.3 and step < 3:
                for side in (1, -1) if ux >= 0 else (-1, 1):
                    point = (x + side * distance, y + uy * step * 7)
                    yield self._outward(text, *point, side, 0), point

    @staticmethod
    def _outward(text, x, y, ux, uy, *, size=FONT_SIZE, **look):
        """A label that starts at (x, y) and runs away from there in direction (ux, uy)."""
        if ux > 0.3:
            return _Label(text, x, y + 0.35 * size, "start", size=size, **look)
        if ux < -0.3:
            return _Label(text, x, y + 0.35 * size, "end", size=size, **look)
        if uy < 0:
            return _Label(text, x, y - 0.3 * size, "middle", size=size, **look)
        return _Label(text, x, y + 0.8 * size, "middle", size=size, **look)

    def band(self, cluster):
        """A household's band: inner and outer radii (x, y) of its annular sector."""
        inner = (self.rx - _BAND, self.ry - _BAND)
        if cluster.has_adults:
            outer = (self.rx + self.adult_dx + _BAND, self.ry + _ADULT_DY + _BAND)
        else:
            outer = (self.rx + _BAND, self.ry + _BAND)
        return inner, outer

    def bounds(self, labels, leaders, points):
        xs, ys = [x for x, _ in points], [y for _, y in points]
        for node in self.nodes:
            x1, y1, x2, y2 = self.node_box(node)
            xs += [x1, x2]
            ys += [y1, y2]
        for label in labels:
            x1, y1, x2, y2 = label.box
            xs += [x1, x2]
            ys += [y1, y2]
        for x1, y1, x2, y2 in leaders:
            xs += [x1, x2]
            ys += [y1, y2]
        for cluster in self.clusters:
            _, (rx, ry) = self.band(cluster)
            pad = self.step * 0.28
            for i in range(17):
                angle = cluster.start - pad + (cluster.end - cluster.start + 2 * pad) * i / 16
                xs.append(self.cx + rx * math.cos(angle))
                ys.append(self.cy + ry * math.sin(angle))
        return min(xs), min(ys), max(xs), max(ys)


# Drawing ---------------------------------------------------------------------------------


def _band_svg(cluster, layout) -> str:
    (irx, iry), (orx, ory) = layout.band(cluster)
    pad = layout.step * 0.28
    a0, a1 = cluster.start - pad, cluster.end + pad
    large = 1 if a1 - a0 > math.pi else 0
    cx, cy = layout.cx, layout.cy
    p = [
        (cx + orx * math.cos(a0), cy + ory * math.sin(a0)),
        (cx + orx * math.cos(a1), cy + ory * math.sin(a1)),
        (cx + irx * math.cos(a1), cy + iry * math.sin(a1)),
        (cx + irx * math.cos(a0), cy + iry * math.sin(a0)),
    ]
    d = (
        f"M{_n(p[0][0])} {_n(p[0][1])}A{_n(orx)} {_n(ory)} 0 {large} 1 {_n(p[1][0])} {_n(p[1][1])}"
        f"L{_n(p[2][0])} {_n(p[2][1])}A{_n(irx)} {_n(iry)} 0 {large} 0 {_n(p[3][0])} {_n(p[3][1])}Z"
    )
    return (
        f'<path d="{d}" fill="{CLUSTER_FILL}" stroke="{CLUSTER_STROKE}" stroke-width="1"'
        f' stroke-dasharray="4 3"><title>{_e(cluster.label)}</title></path>'
    )


def _node_shape(style, x, y) -> str:
    s = style.size
    if style.shape == "square":
        shape = (
            f'<rect x="{_n(x - s)}" y="{_n(y - s)}" width="{_n(2 * s)}" height="{_n(2 * s)}"'
            f' rx="5" fill="{style.fill}" stroke="{style.stroke}" stroke-width="2"/>'
        )
    else:
        shape = (
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(s)}" fill="{style.fill}"'
            f' stroke="{style.stroke}" stroke-width="2"/>'
        )
    size = 13 if s >= 14 else 11
    return shape + (
        f'<text x="{_n(x)}" y="{_n(y + 0.36 * size)}" text-anchor="middle" font-size="{size}"'
        f' font-weight="bold" fill="{style.ink}">{_e(style.letter)}</text>'
    )


def _node_svg(node, layout) -> str:
    role = _role(node)
    style = ROLE_STYLES[role]
    x, y, _ = layout.positions[node.key]
    about = style.label
    if node.cluster and _clean(node.cluster_label):
        about += f", {_clean(node.cluster_label)}"
    return (
        f'<g class="sociogram__node sociogram__node--{role}">'
        f"<title>{_e(f'{_clean(node.label)} ({about})')}</title>{_node_shape(style, x, y)}</g>"
    )


def _with_offsets(edges):
    """Each edge with its place among the edges between the same two people: (edge, offset),
    the offsets fanning out round 0 in the pair's fixed orientation."""
    pairs = {}
    for edge in edges:
        pairs.setdefault(frozenset((edge.source, edge.target)), []).append(edge)
    for edge in edges:
        group = pairs[frozenset((edge.source, edge.target))]
        # More than a handful (hardly real) fan out no wider than six would.
        spread = min(1, 5 / (len(group) - 1)) if len(group) > 1 else 1
        yield edge, (group.index(edge) - (len(group) - 1) / 2) * spread


def _edge_end(node, layout, towards_x, towards_y):
    """Where a line towards (towards_x, towards_y) leaves the node's edge, and its
    direction out of the node."""
    x, y, _ = layout.positions[node.key]
    style = ROLE_STYLES[_role(node)]
    dx, dy = towards_x - x, towards_y - y
    length = math.hypot(dx, dy) or 1
    ux, uy = dx / length, dy / length
    if style.shape == "square":
        s = style.size
        reach = min(s / max(abs(ux), abs(uy)), s * math.sqrt(2) - 5 * (math.sqrt(2) - 1))
    else:
        reach = style.size
    reach += 1.5
    return x + ux * reach, y + uy * reach, ux, uy


class _Relation:
    """One relation's curve (and arrowhead), from node edge to node edge, around the centre
    as it was when drawn: ``svg`` moves it with the drawing."""

    def __init__(self, edge, offset, by_key, layout):
        source, target = by_key[edge.source], by_key[edge.target]
        self.kind = _kind(edge)
        style = KIND_STYLES[self.kind]
        label = _clean(edge.label) or style.label
        self.title = f"{_clean(source.label)} — {label.lower()} — {_clean(target.label)}"
        sx, sy, _ = layout.positions[source.key]
        tx, ty, _ = layout.positions[target.key]
        # The pair's fixed orientation, so that A→B and B→A fan out to different sides.
        (ax, ay), (bx, by) = (sx, sy), (tx, ty)
        if _natural(source.key) > _natural(target.key):
            (ax, ay), (bx, by) = (bx, by), (ax, ay)
        chord = math.hypot(bx - ax, by - ay) or 1
        nx, ny = -(by - ay) / chord, (bx - ax) / chord
        mx, my = (sx + tx) / 2, (sy + ty) / 2
        ox, oy = mx - layout.cx, my - layout.cy  # from the centre
        centre = math.hypot(ox, oy) or 1
        # Bow a little towards the centre; between two people on the same ellipse who are
        # not neighbours, enough to pass inside the people between them.
        pull = 0.12 * chord
        adult = _role(source) == VOLWASSENE
        if adult == (_role(target) == VOLWASSENE):
            a, b = layout.positions[source.key][2], layout.positions[target.key][2]
            apart = (b - a + math.pi) % (2 * math.pi) - math.pi
            if abs(apart) > 1.5 * layout.step:
                rx, ry = layout.point(a + apart / 2, adult=adult)
                inset = math.hypot(rx - layout.cx, ry - layout.cy) - centre
                pull = max(pull, 2 * (_CLEARANCE - inset))
        pull = min(centre, pull)
        bend = offset * 20
        cx = mx - ox / centre * pull + nx * bend
        cy = my - oy / centre * pull + ny * bend
        x1, y1, _, _ = _edge_end(source, layout, cx, cy)
        x2, y2, ux, uy = _edge_end(target, layout, cx, cy)
        self.arrow = []
        if edge.directed:
            # The tip on the node's edge, the line stopping at the arrowhead's base.
            bx2, by2 = x2 + ux * _ARROW_LENGTH, y2 + uy * _ARROW_LENGTH
            wx, wy = -uy * _ARROW_HALF_WIDTH, ux * _ARROW_HALF_WIDTH
            self.arrow = [(x2, y2), (bx2 + wx, by2 + wy), (bx2 - wx, by2 - wy)]
            x2, y2 = bx2, by2
        self.curve = [(x1, y1), (cx, cy), (x2, y2)]  # a curve lies within these three

    @property
    def points(self):
        return self.curve + self.arrow

    def svg(self, dx, dy) -> str:
        style = KIND_STYLES[self.kind]
        (x1, y1), (cx, cy), (x2, y2) = ((x + dx, y + dy) for x, y in self.curve)
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        arrow = ""
        if self.arrow:
            points = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for x, y in self.arrow)
            arrow = f'<polygon points="{points}" fill="{style.colour}"/>'
        return (
            f'<g class="sociogram__relation sociogram__relation--{self.kind}">'
            f"<title>{_e(self.title)}</title>"
            f'<path d="M{_n(x1)} {_n(y1)}Q{_n(cx)} {_n(cy)} {_n(x2)} {_n(y2)}" fill="none"'
            f' stroke="{style.colour}" stroke-width="{_n(style.width)}"{dash}/>{arrow}</g>'
        )


def _legend_svg(items, clusters, left, top, available):
    """The legend's markup from (left, top), at most ``available`` wide in rows that wrap;
    its width and height."""
    font = SMALL_FONT_SIZE + 1
    entries = []  # (heading, [(width, draw(x, y) -> markup, y the row's middle)])
    roles = []
    for role, label in items["roles"]:
        style = ROLE_STYLES[role]
        gap = 2 * style.size + 8
        roles.append(
            (
                gap + _text_width(label, font),
                lambda x, y, s=style, g=gap, t=label: (
                    _node_shape(s, x + s.size, y) + _text(x + g, y, t, font)
                ),
            )
        )
    if clusters:
        roles.append(
            (
                38 + _text_width("Huishouden", font),
                lambda x, y: (
                    f'<rect x="{_n(x)}" y="{_n(y - 9)}" width="30" height="18" rx="3"'
                    f' fill="{CLUSTER_FILL}" stroke="{CLUSTER_STROKE}" stroke-width="1"'
                    f' stroke-dasharray="4 3"/>' + _text(x + 38, y, "Huishouden", font)
                ),
            )
        )
    if roles:
        entries.append(("Rollen", roles))
    kinds = []
    for kind, label, directed in items["kinds"]:
        kinds.append(
            (
                52 + _text_width(label, font),
                lambda x, y, s=KIND_STYLES[kind], d=directed, t=label: (
                    _line_sample(s, d, x, y) + _text(x + 52, y, t, font)
                ),
            )
        )
    if kinds:
        entries.append(("Relaties", kinds))
    if not entries:
        return "", 0, 0
    heading_width, row_height, spacing = 74, 30, 22
    out, y, widest = [], top + row_height / 2, 0
    for heading, row in entries:
        out.append(
            f'<text x="{_n(left)}" y="{_n(y + 0.35 * font)}" font-size="{font}"'
            f' font-weight="bold" fill="{INK}">{_e(heading)}</text>'
        )
        x = heading_width
        for width, draw in row:
            if x > heading_width and x + width > available:
                x, y = heading_width, y + row_height
            out.append(draw(left + x, y))
            widest = max(widest, x + width)
            x += width + spacing
        y += row_height
    return "".join(out), widest, y - row_height / 2 - top


def _line_sample(style, directed, x, y) -> str:
    end = x + 44 - (_ARROW_LENGTH if directed else 0)
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    sample = (
        f'<path d="M{_n(x)} {_n(y)}H{_n(end)}" fill="none" stroke="{style.colour}"'
        f' stroke-width="{_n(style.width)}"{dash}/>'
    )
    if directed:
        sample += (
            f'<polygon points="{_n(x + 44)},{_n(y)} {_n(end)},{_n(y - _ARROW_HALF_WIDTH)}'
            f' {_n(end)},{_n(y + _ARROW_HALF_WIDTH)}" fill="{style.colour}"/>'
        )
    return sample


def _text_width(text, size) -> float:
    """About the width of ``text`` in DejaVu Sans."""
    em = 0.0
    for char in _clean(text):
        if char in _NARROW:
            em += 0.32
        elif char in _WIDE:
            em += 0.93
        elif char.isupper():
            em += 0.72
        else:
            em += 0.61
    return em * size


def _text(x, y, text, size) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y + 0.35 * size)}" font-size="{size}" fill="{INK}">'
        f"{_e(text)}</text>"
    )


def _description(nodes, edges, by_key) -> str:
    """The drawing in words, for screen readers: counts, then every relation."""

    def count(number, one, more):
        return f"{number} {one if number == 1 else more}"

    youths = sum(1 for node in nodes if _role(node) != VOLWASSENE)
    households = len({node.cluster for node in nodes if node.cluster})
    parts = [
        count(youths, "jongere", "jongeren"),
        count(len(nodes) - youths, "volwassene", "volwassenen"),
        count(households, "huishouden", "huishoudens"),
        count(len(edges), "relatie", "relaties"),
    ]
    text = "Sociogram: " + ", ".join(parts) + "."
    relations = []
    for edge in edges:
        label = _clean(edge.label) or KIND_STYLES[_kind(edge)].label
        relations.append(
            f"{_clean(by_key[edge.source].label)} — {label.lower()} — "
            f"{_clean(by_key[edge.target].label)}"
        )
    if relations:
        text += " " + "; ".join(relations)
        text += "" if text.endswith(".") else "."
    return text
