"""The sociogram SVG (cases/groups/sociogram.py): valid, CSP-safe markup, every person once,
relations that stay apart and point the right way, labels that do not collide, a legend of
what is drawn, escaping, and a layout that comes out the same every time."""

import math
import random
import re
import time
import xml.etree.ElementTree as ET

import pytest

from cases.groups.sociogram import (
    KIND_STYLES,
    ROLE_STYLES,
    Edge,
    Node,
    legend,
    sociogram_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
TITLE = "Sociogram Jeugdgroep Hoogvliet-Noord"

FIRST = [
    "Ayoub", "Mo", "Bilal", "Yassin", "Daan", "Kevin", "Sem", "Rayan", "Milan", "Jayden",
    "Noah", "Ilias", "Sami", "Tarik", "Luca", "Anouar", "Mehmet", "Dylan", "Ismail", "Joey",
    "Redouan", "Finn", "Hamza", "Zakaria", "Stefano",
]  # fmt: skip
LAST = ["Bakker", "El Amrani", "Kaya", "de Vries", "Yilmaz", "Jansen", "Boukhari", "Pinas"]
YOUTH_ROLES = ["kopstuk", "meeloper", "meeloper", "randfiguur", "onbekend", "meeloper"]
ADULTS = ["Fatima", "Ahmed", "Petra", "Hasan", "Samira", "Johan", "Nadia", "Mustafa", "Ria"]
YOUTH_KINDS = [
    ("vriend", "Vriend", False),
    ("rivaal", "Rivaal", False),
    ("volgt", "Volgt", True),
    ("invloed", "Heeft invloed op", True),
    ("neef", "Neef", False),
    ("broer", "Broer", False),
]


def youth(number, role="meeloper", cluster=None, cluster_label=""):
    return Node(f"y{number}", f"Jongere {number}", role, cluster, cluster_label)


def adult(number, cluster=None, cluster_label=""):
    return Node(f"m{number}", f"Volwassene {number}", "volwassene", cluster, cluster_label)


def edge(source, target, kind="vriend", label=None, directed=None):
    label = label or KIND_STYLES[kind].label
    directed = kind in ("volgt", "invloed") if directed is None else directed
    return Edge(source, target, kind, label, directed)


def big_group():
    """25 youths (20 in 8 households, 5 without), 15 adults (12 in households, 3 outside
    any) and 80 relations, all of them between known people."""
    nodes = []
    for i in range(25):
        household = i % 8 if i < 20 else None
        nodes.append(
            Node(
                f"y{i + 1}",
                f"{FIRST[i]} {LAST[i % 8][0]}.",
                YOUTH_ROLES[i % len(YOUTH_ROLES)],
                None if household is None else f"h{household + 1}",
                "" if household is None else f"Huishouden {LAST[household]}",
            )
        )
    for j in range(12):
        household = j % 8
        nodes.append(
            Node(
                f"m{j + 1}",
                f"{ADULTS[j % len(ADULTS)]} {LAST[household][0]}{j}.",
                "volwassene",
                f"h{household + 1}",
                f"Huishouden {LAST[household]}",
            )
        )
    for j, name in enumerate(["Mo (kapper)", "Rachid", "Buurtvader Eddy"]):
        nodes.append(Node(f"p{j + 1}", name, "volwassene", None))
    edges = []
    counter = 0
    for i in range(1, 26):
        for step in (2, 5, 11):
            j = (i + step - 1) % 25 + 1
            kind, label, directed = YOUTH_KINDS[counter % len(YOUTH_KINDS)]
            counter += 1
            edges.append(Edge(f"y{i}", f"y{j}", kind, label, directed))
    for j in range(12):
        household = j % 8
        kind = "moeder" if j % 2 == 0 else "vader"
        edges.append(edge(f"y{household + 1}", f"m{j + 1}", kind))
    edges += [edge("y3", "p1", "buurtfiguur"), edge("y9", "p2", "overig")]
    edges += [edge("y21", "p3", "oudere_broer")]
    assert len(edges) == 75 + 12 + 3
    return nodes, edges[:80]


def parse(svg):
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def view_box(root):
    x, y, width, height = (float(v) for v in root.get("viewBox").split())
    return x, y, x + width, y + height


def groups(root, css_class):
    return [g for g in root.iter(f"{SVG}g") if css_class in (g.get("class") or "").split()]


def texts(root):
    return [t.text for t in root.iter(f"{SVG}text")]


def node_centre(root, label):
    for g in groups(root, "sociogram__node"):
        if g.find(f"{SVG}title").text.startswith(f"{label} ("):
            shape = g.find(f"{SVG}circle")
            if shape is not None:
                return float(shape.get("cx")), float(shape.get("cy")), float(shape.get("r"))
            shape = g.find(f"{SVG}rect")
            half = float(shape.get("width")) / 2
            return float(shape.get("x")) + half, float(shape.get("y")) + half, half
    raise AssertionError(f"no node {label}")


def relation(root, title):
    found = [g for g in groups(root, "sociogram__relation") if g.find(f"{SVG}title").text == title]
    assert len(found) == 1, (title, len(found))
    return found[0]


def path_points(d):
    """The end and control points of a path of M, L, H, V, Q, A and Z commands."""
    tokens = re.findall(r"[MLHVQAZ]|-?\d+(?:\.\d+)?", d)
    points, x, y, i = [], 0.0, 0.0, 0
    while i < len(tokens):
        command = tokens[i]
        i += 1
        if command in "ML":
            x, y = float(tokens[i]), float(tokens[i + 1])
            i += 2
        elif command == "H":
            x = float(tokens[i])
            i += 1
        elif command == "V":
            y = float(tokens[i])
            i += 1
        elif command == "Q":
            points.append((float(tokens[i]), float(tokens[i + 1])))
            x, y = float(tokens[i + 2]), float(tokens[i + 3])
            i += 4
        elif command == "A":
            x, y = float(tokens[i + 5]), float(tokens[i + 6])
            i += 7
        elif command == "Z":
            continue
        else:
            raise AssertionError(f"unexpected {command} in {d}")
        points.append((x, y))
    return points


def all_points(root):
    """Every coordinate drawn: shapes' extents, line and path points, text anchors."""
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        a = element.attrib
        if tag == "circle":
            cx, cy, r = float(a["cx"]), float(a["cy"]), float(a["r"])
            yield from [(cx - r, cy - r), (cx + r, cy + r)]
        elif tag == "rect":
            x, y = float(a["x"]), float(a["y"])
            yield from [(x, y), (x + float(a["width"]), y + float(a["height"]))]
        elif tag == "line":
            yield from [(float(a["x1"]), float(a["y1"])), (float(a["x2"]), float(a["y2"]))]
        elif tag == "polygon":
            for pair in a["points"].split():
                x, y = pair.split(",")
                yield float(x), float(y)
        elif tag == "path":
            yield from path_points(a["d"])
        elif tag == "text":
            yield float(a["x"]), float(a["y"])


def label_box(text_element):
    """A label's box, roughly: 0.6 em a character, from its anchor."""
    size = float(text_element.get("font-size"))
    width = len(text_element.text) * 0.6 * size
    x, y = float(text_element.get("x")), float(text_element.get("y"))
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text_element.get("text-anchor")]
    return left, y - 0.8 * size, left + width, y + 0.2 * size


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def relative_luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([relative_luminance(a), relative_luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


# Markup ------------------------------------------------------------------------------------


def test_empty_input_gives_an_empty_string():
    assert sociogram_svg([], [], title=TITLE) == ""
    assert sociogram_svg([], [edge("y1", "y2")], title=TITLE) == ""


def test_the_svg_is_labelled_for_screen_readers_and_drawn_at_its_natural_size():
    svg = sociogram_svg(*big_group(), title=TITLE)
    root = parse(svg)
    assert root.get("class") == "sociogram__svg"
    assert root.get("role") == "img"
    # Its natural size: labels of about 15 px (CSS may shrink it, never blow it up).
    size = [float(root.get("width")), float(root.get("height"))]
    assert size == [
        pytest.approx(float(v) * 1.25, abs=0.1) for v in root.get("viewBox").split()[2:]
    ]
    assert root.get("preserveAspectRatio") is None
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.get("id"), title.text) == (title_id, TITLE)
    assert desc.get("id") == desc_id
    assert "25 jongeren, 15 volwassenen, 8 huishoudens, 80 relaties" in desc.text
    assert "Ayoub B. — vriend — Bilal K.; " in desc.text
    assert desc.text.endswith(".") and not desc.text.endswith("..")
    x1, y1, x2, y2 = view_box(root)
    assert (x1, y1) == (0, 0) and 800 <= x2 <= 1400 and y2 > 600


def test_no_inline_style_script_or_marker_anywhere():
    svg = sociogram_svg(*big_group(), title=TITLE)
    assert not re.search(r"\sstyle=", svg)
    for forbidden in ("<style", "<script", "<marker", "marker-end", "javascript:", " on"):
        assert forbidden not in svg.lower().replace("font-style", ""), forbidden
    root = parse(svg)
    for element in root.iter():
        assert not any(name.startswith("on") for name in element.attrib)
    fonts = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    assert min(fonts) >= 11


def test_every_persons_label_appears_exactly_once_as_text():
    nodes, edges = big_group()
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    shown = texts(root)
    for node in nodes:
        assert shown.count(node.label) == 1, node.label
    assert len(groups(root, "sociogram__node")) == len(nodes)
    # Each household's name once, as text.
    for name in {n.cluster_label for n in nodes if n.cluster}:
        assert shown.count(name) == 1, name


def test_roles_show_as_letter_and_shape_not_colour_alone():
    nodes = [
        youth(1, "kopstuk"),
        youth(2, "meeloper"),
        youth(3, "randfiguur"),
        youth(4, "onbekend"),
        youth(5, "iets anders"),
        adult(6),
    ]
    root = parse(sociogram_svg(nodes, [], title=TITLE))
    letters = {}
    for g in groups(root, "sociogram__node"):
        name = g.find(f"{SVG}title").text.split(" (")[0]
        shape = "circle" if g.find(f"{SVG}circle") is not None else "rect"
        letters[name] = (g.find(f"{SVG}text").text, shape)
    assert letters == {
        "Jongere 1": ("K", "circle"),
        "Jongere 2": ("M", "circle"),
        "Jongere 3": ("R", "circle"),
        "Jongere 4": ("?", "circle"),
        "Jongere 5": ("?", "circle"),  # an unknown role is drawn as onbekend
        "Volwassene 6": ("V", "rect"),
    }
    assert len({style.letter for style in ROLE_STYLES.values()}) == len(ROLE_STYLES)
    for role, style in ROLE_STYLES.items():
        assert contrast(style.fill, style.ink) >= 4.5, role


def test_kinds_differ_in_pattern_or_width_not_colour_alone():
    looks = {(style.dash, style.width) for style in KIND_STYLES.values()}
    assert len(looks) == len(KIND_STYLES)
    for kind in ("broer", "neef"):
        assert KIND_STYLES[kind].dash == ""  # family: solid
    for kind in ("vriend", "rivaal", "moeder", "vader", "oudere_broer", "buurtfiguur", "overig"):
        assert KIND_STYLES[kind].dash, kind
    for kind, style in KIND_STYLES.items():
        assert contrast(style.colour, "#ffffff") >= 3, kind  # a graphic on white


# Relations ---------------------------------------------------------------------------------


def test_relations_are_drawn_before_people_so_people_sit_on_top():
    root = parse(sociogram_svg(*big_group(), title=TITLE))
    order = [g.get("class") for g in root if g.tag == f"{SVG}g"]
    assert order.index("sociogram__relations") < order.index("sociogram__people")
    assert order.index("sociogram__people") < order.index("sociogram__labels")
    assert order.index("sociogram__households") < order.index("sociogram__relations")


def test_an_edge_to_an_unknown_person_draws_nothing():
    nodes = [youth(1), youth(2)]
    known = edge("y1", "y2", "vriend")
    ghosts = [
        Edge("y1", "y404", "rivaal", "Geheime rivaal", False),
        Edge("y404", "y2", "invloed", "Verborgen invloed", True),
        Edge("y1", "y1", "broer", "Zichzelf", False),
    ]
    svg = sociogram_svg(nodes, [known, *ghosts], title=TITLE)
    root = parse(svg)
    assert len(groups(root, "sociogram__relation")) == 1
    for word in ("y404", "Geheime", "Verborgen", "Zichzelf", "Rivaal", "Heeft invloed"):
        assert word not in svg, word
    assert [k for k, _, _ in legend(nodes, [known, *ghosts])["kinds"]] == ["vriend"]
    assert svg == sociogram_svg(nodes, [known], title=TITLE)


def test_directed_relations_end_in_an_arrowhead_at_the_target():
    nodes = [youth(1, "kopstuk"), youth(2), youth(3), youth(4)]
    edges = [
        edge("y1", "y2", "invloed"),
        edge("y3", "y1", "volgt"),
        edge("y1", "y4", "vriend"),
        edge("y2", "y4", "rivaal"),
    ]
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    for title, target in [
        ("Jongere 1 — heeft invloed op — Jongere 2", "Jongere 2"),
        ("Jongere 3 — volgt — Jongere 1", "Jongere 1"),
    ]:
        g = relation(root, title)
        arrows = g.findall(f"{SVG}polygon")
        assert len(arrows) == 1, title
        tip = tuple(float(v) for v in arrows[0].get("points").split()[0].split(","))
        x, y, r = node_centre(root, target)
        assert r < math.dist(tip, (x, y)) < r + 4  # at the edge, not under the node
        end = path_points(g.find(f"{SVG}path").get("d"))[-1]
        assert 8 < math.dist(end, tip) < 12  # the line stops at the arrowhead's base
    for title in ("Jongere 1 — vriend — Jongere 4", "Jongere 2 — rivaal — Jongere 4"):
        assert relation(root, title).findall(f"{SVG}polygon") == []


def test_lines_end_at_the_edge_of_the_nodes():
    nodes = [youth(1, "kopstuk"), adult(2, "h1", "Huishouden A"), youth(3, "randfiguur", "h1")]
    edges = [edge("y1", "m2", "buurtfiguur"), edge("y3", "m2", "moeder"), edge("y1", "y3")]
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    for g in groups(root, "sociogram__relation"):
        source, _, target = g.find(f"{SVG}title").text.split(" — ")
        points = path_points(g.find(f"{SVG}path").get("d"))
        for name, point in ((source, points[0]), (target, points[-1])):
            x, y, r = node_centre(root, name)
            reach = r * math.sqrt(2) if name.startswith("Volwassene") else r
            assert r < math.dist(point, (x, y)) <= reach + 3, (name, point)


def assert_passes_no_one_else(root, nodes, only):
    """Every relation between people in ``only`` keeps clear of everybody else."""
    centres = {n.label: node_centre(root, n.label) for n in nodes}
    checked = 0
    for g in groups(root, "sociogram__relation"):
        source, _, target = g.find(f"{SVG}title").text.split(" — ")
        if not {source, target} <= only:
            continue
        (x0, y0), (cx, cy), (x1, y1) = path_points(g.find(f"{SVG}path").get("d"))
        for step in range(21):
            t = step / 20
            x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
            y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
            for name, (nx, ny, r) in centres.items():
                if name not in (source, target):
                    assert math.dist((x, y), (nx, ny)) > r + 2, (source, target, name)
        checked += 1
    return checked


def test_a_relation_between_youths_passes_no_other_person():
    # A crowded ring: from one youth to every other, neighbours and those across.
    nodes = [youth(i, "kopstuk" if i % 3 == 0 else "meeloper") for i in range(1, 31)]
    edges = [edge("y1", f"y{i}", "vriend") for i in range(2, 31)]
    edges += [edge("y5", f"y{i}", "rivaal") for i in (3, 7, 8, 20)]
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    assert assert_passes_no_one_else(root, nodes, {n.label for n in nodes}) == len(edges)
    # And in a big group, with households and adults on the outside.
    nodes, edges = big_group()
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    youths = {n.label for n in nodes if n.role != "volwassene"}
    assert assert_passes_no_one_else(root, nodes, youths) > 60


def test_two_relations_between_the_same_pair_stay_apart():
    nodes = [youth(1), youth(2), youth(3)]
    edges = [
        edge("y1", "y2", "neef"),
        edge("y2", "y1", "vriend"),
        edge("y1", "y2", "invloed"),
        edge("y1", "y3", "vriend"),
    ]
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    paths = {
        g.find(f"{SVG}title").text: path_points(g.find(f"{SVG}path").get("d"))
        for g in groups(root, "sociogram__relation")
    }
    between = [
        paths["Jongere 1 — neef — Jongere 2"],
        paths["Jongere 2 — vriend — Jongere 1"],
        paths["Jongere 1 — heeft invloed op — Jongere 2"],
    ]

    def middle(points):  # the curve's own middle: (start + 2 control + end) / 4
        (x0, y0), (cx, cy), (x1, y1) = points
        return (x0 + 2 * cx + x1) / 4, (y0 + 2 * cy + y1) / 4

    middles = [middle(points) for points in between]
    for i in range(3):
        for j in range(i + 1, 3):
            assert math.dist(middles[i], middles[j]) >= 6, (i, j)


def test_a_relation_recorded_from_both_sides_is_drawn_once():
    nodes = [youth(1), youth(2)]
    edges = [edge("y1", "y2", "broer"), edge("y2", "y1", "broer"), edge("y1", "y2", "broer")]
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    assert len(groups(root, "sociogram__relation")) == 1
    # A direction makes two different relations.
    edges = [edge("y1", "y2", "volgt"), edge("y2", "y1", "volgt")]
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    assert len(groups(root, "sociogram__relation")) == 2


def test_each_relation_has_a_title_but_no_printed_label():
    nodes, edges = big_group()
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    drawn = groups(root, "sociogram__relation")
    assert len(drawn) == len(edges)
    for g in drawn:
        assert g.find(f"{SVG}title").text.count(" — ") == 2
        assert g.find(f"{SVG}text") is None
    lines = [t for t in texts(root) if " — " in (t or "")]
    assert lines == []


# Layout ------------------------------------------------------------------------------------


def test_the_same_input_gives_the_same_output_in_any_order():
    nodes, edges = big_group()
    first = sociogram_svg(nodes, edges, title=TITLE)
    assert sociogram_svg(nodes, edges, title=TITLE) == first
    shuffled_nodes, shuffled_edges = list(nodes), list(edges)
    random.Random(7).shuffle(shuffled_nodes)
    random.Random(8).shuffle(shuffled_edges)
    assert sociogram_svg(shuffled_nodes, shuffled_edges, title=TITLE) == first


def test_a_big_group_has_no_overlapping_labels_and_fits_its_view_box():
    root = parse(sociogram_svg(*big_group(), title=TITLE))
    assert_apart_and_inside(root, 40 + 8)  # people and households


def one_household_each(count):
    """The demo's group: every youth from a household of its own, no adults drawn (their
    names crowd the middle of the drawing)."""
    return [
        youth(i, ("kopstuk", "meeloper", "randfiguur")[i % 3], f"h{i}", f"Huishouden {LAST[i % 8]}{i}")
        for i in range(1, count + 1)
    ]  # fmt: skip


@pytest.mark.parametrize("count", [2, 5, 9, 14, 20])
def test_households_of_one_youth_each_keep_their_names_apart(count):
    root = parse(sociogram_svg(one_household_each(count), [], title=TITLE))
    assert_apart_and_inside(root, 2 * count)


def assert_apart_and_inside(root, expected):
    labels = [t for g in groups(root, "sociogram__labels") for t in g.iter(f"{SVG}text")]
    assert len(labels) == expected
    boxes = [label_box(t) for t in labels]
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            assert not overlap(a, boxes[j]), (labels[i].text, labels[j].text)
    # Nor does a label sit on a person.
    people = []
    for g in groups(root, "sociogram__node"):
        name = g.find(f"{SVG}title").text.split(" (")[0]
        x, y, r = node_centre(root, name)
        people.append((x - r, y - r, x + r, y + r))
    for label, box in zip(labels, boxes, strict=True):
        assert not any(overlap(box, person) for person in people), label.text
    left, top, right, bottom = view_box(root)
    for x, y in all_points(root):
        assert left <= x <= right and top <= y <= bottom, (x, y)
    for x1, y1, x2, y2 in boxes:
        assert left <= x1 and x2 <= right and top <= y1 and y2 <= bottom


def test_a_households_members_sit_together_with_its_adults_outside():
    nodes = [
        youth(1, cluster="h2", cluster_label="Huishouden B"),
        youth(2, cluster="h1"),  # the household's name comes from another member
        youth(3),
        youth(4, cluster="h1", cluster_label="Huishouden A"),
        youth(5, cluster="h2", cluster_label="Huishouden B"),
        youth(6),
        adult(7, "h1", "Huishouden A"),
        adult(8, "h2", "Huishouden B"),
        youth(9, cluster="h1", cluster_label="Huishouden A"),
    ]
    root = parse(sociogram_svg(nodes, [], title=TITLE))
    centres = {n.label: node_centre(root, n.label) for n in nodes}
    middle_x = sum(x for x, _, _ in centres.values()) / len(centres)
    middle_y = sum(y for _, y, _ in centres.values()) / len(centres)

    def angle(label):
        x, y, _ = centres[label]
        return math.atan2(y - middle_y, x - middle_x)

    def radius(label):
        x, y, _ = centres[label]
        return math.dist((x, y), (middle_x, middle_y))

    # Going round, each household's youths follow each other without anyone in between.
    youths = sorted((n for n in nodes if n.role != "volwassene"), key=lambda n: angle(n.label))
    households = [n.cluster for n in youths]
    runs = [key for i, key in enumerate(households) if key != households[i - 1]]
    assert sorted(k for k in runs if k) == ["h1", "h2"]
    # The adults sit further out, each nearer its own household's youths than the other's.
    for number, own in ((7, "h1"), (8, "h2")):
        name = f"Volwassene {number}"
        assert radius(name) > max(radius(n.label) for n in youths) + 40
        x, y, _ = centres[name]

        def distance(key, x=x, y=y):
            return min(math.dist((x, y), centres[n.label][:2]) for n in youths if n.cluster == key)

        other = "h2" if own == "h1" else "h1"
        assert distance(own) < distance(other), name
    bands = [p for g in groups(root, "sociogram__households") for p in g.iter(f"{SVG}path")]
    assert len(bands) == 2
    assert texts(root).count("Huishouden A") == texts(root).count("Huishouden B") == 1
    assert all(p.get("stroke-dasharray") for p in bands)


def test_small_and_odd_groups_still_draw():
    cases = [
        [youth(1)],
        [adult(1)],
        [adult(1, "h1", "Huishouden A"), adult(2, "h1", "Huishouden A")],
        [youth(i) for i in range(1, 4)],
        [youth(i, cluster="h1", cluster_label="Huishouden A") for i in range(1, 4)],
        [youth(i, cluster=f"h{i}") for i in range(1, 70)],  # many, no household names
    ]
    for nodes in cases:
        root = parse(sociogram_svg(nodes, [], title=TITLE))
        assert texts(root).count(nodes[0].label) == 1
        left, top, right, bottom = view_box(root)
        for x, y in all_points(root):
            assert left <= x <= right and top <= y <= bottom


@pytest.mark.parametrize("seed", range(25))
def test_random_groups_draw_every_label_once_apart_and_inside(seed):
    """Odd groups too: unknown roles and kinds, people without a household, households
    without a name, long names with markup characters, edges to nobody, many relations
    between the same two people."""
    r = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzMWÖ &<>'\""
    roles = [*ROLE_STYLES, "iets"]
    nodes = []
    for i in range(r.randint(1, 45)):
        household = r.choice([None, None] + [f"h{j}" for j in range(r.randint(1, 10))])
        name = "".join(r.choice(letters) for _ in range(r.randint(1, 20))).strip() or "x"
        named = bool(household) and r.random() < 0.9
        nodes.append(
            Node(
                f"{r.choice('ymp')}{i}", name, r.choice(roles), household, f"H {household}" * named
            )
        )
    keys = [n.key for n in nodes] + ["nobody"]
    edges = [
        Edge(r.choice(keys), r.choice(keys), r.choice([*KIND_STYLES, "iets"]), "", r.random() < 0.3)
        for _ in range(r.randint(0, 90))
    ]
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    labels = [t for g in groups(root, "sociogram__labels") for t in g.iter(f"{SVG}text")]
    shown = [t.text for t in labels]
    for node in nodes:
        assert shown.count(" ".join(node.label.split())) == 1, node.label  # spaces collapse
    boxes = [label_box(t) for t in labels]
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            assert not overlap(a, boxes[j]), (labels[i].text, labels[j].text)
    left, top, right, bottom = view_box(root)
    for x, y in all_points(root):
        assert left <= x <= right and top <= y <= bottom, (x, y)


# Legend ------------------------------------------------------------------------------------


def test_the_legend_shows_only_the_roles_and_kinds_drawn_in_a_fixed_order():
    nodes = [youth(1, "meeloper"), youth(2, "kopstuk"), adult(3)]
    edges = [
        edge("y1", "m3", "vader", "Vader"),
        edge("y1", "y2", "volgt", "Volgt"),
        edge("y2", "y1", "broer", "Broer"),
        edge("y2", "y9", "rivaal", "Rivaal"),  # unknown person
    ]
    items = legend(nodes, edges)
    assert items == {
        "roles": [("kopstuk", "Kopstuk"), ("meeloper", "Meeloper"), ("volwassene", "Volwassene")],
        "kinds": [("broer", "Broer", False), ("volgt", "Volgt", True), ("vader", "Vader", False)],
    }
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    (box,) = groups(root, "sociogram__legend")
    words = [t.text for t in box.iter(f"{SVG}text")]
    assert words == [
        "Rollen",
        "K",
        "Kopstuk",
        "M",
        "Meeloper",
        "V",
        "Volwassene",
        "Relaties",
        "Broer",
        "Volgt",
        "Vader",
    ]
    # Samples: a line per kind, an arrowhead for the directed one only.
    assert len(box.findall(f"{SVG}path")) == 3
    assert len(box.findall(f"{SVG}polygon")) == 1
    assert "Huishouden" not in words  # nobody lives in a household here


def test_the_legend_uses_the_callers_labels_and_mentions_households():
    nodes = [youth(1, cluster="h1", cluster_label="Huishouden A"), adult(2, "h1", "Huishouden A")]
    edges = [Edge("y1", "m2", "overig", "Andere volwassene (oom)", False)]
    root = parse(sociogram_svg(nodes, edges, title=TITLE))
    (box,) = groups(root, "sociogram__legend")
    words = [t.text for t in box.iter(f"{SVG}text")]
    assert "Andere volwassene (oom)" in words
    assert "Huishouden" in words
    assert "Onbekend" not in words and "Kopstuk" not in words


def test_a_group_without_relations_has_no_relations_legend():
    root = parse(sociogram_svg([youth(1), youth(2)], [], title=TITLE))
    (box,) = groups(root, "sociogram__legend")
    assert [t.text for t in box.iter(f"{SVG}text")] == ["Rollen", "M", "Meeloper"]


# Escaping ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["<script>x</script>", "Ö'z&\"", "]]><x/>", "a\x00b\x1fc", "&amp; Co"]
)
def test_every_text_is_escaped(name):
    nodes = [
        Node("y1", name, "kopstuk", "h1", f"Huishouden {name}"),
        Node("y2", "Mo K.", "meeloper", None),
    ]
    edges = [Edge("y1", "y2", "invloed", f"Invloed {name}", True)]
    svg = sociogram_svg(nodes, edges, title=f"Groep {name}")
    assert "<script" not in svg and "<x/>" not in svg
    root = parse(svg)  # would fail on unescaped markup
    expected = name.replace("\x00", "").replace("\x1f", "")  # not allowed in XML at all
    assert texts(root).count(expected) == 1
    assert root.find(f"{SVG}title").text == f"Groep {expected}"
    assert f"Huishouden {expected}" in texts(root)
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert f"{expected} — invloed {expected.lower()} — Mo K." in titles


def test_an_overlong_name_is_shortened_on_screen_but_whole_in_its_title():
    name = "Mohammed-Abdelkarim El Ouazzani Taibi van der Berg"
    root = parse(sociogram_svg([Node("y1", name, "meeloper", None)], [], title=TITLE))
    shown = [t for t in texts(root) if t.startswith("Mohammed")]
    assert len(shown) == 1 and shown[0].endswith("…") and len(shown[0]) <= 30
    (g,) = groups(root, "sociogram__node")
    assert g.find(f"{SVG}title").text == f"{name} (Meeloper)"


# Speed -------------------------------------------------------------------------------------


def test_a_big_group_renders_in_milliseconds():
    nodes, edges = big_group()
    sociogram_svg(nodes, edges, title=TITLE)
    started = time.perf_counter()
    for _ in range(10):
        sociogram_svg(nodes, edges, title=TITLE)
    per_drawing = (time.perf_counter() - started) / 10
    assert per_drawing < 0.05, per_drawing
