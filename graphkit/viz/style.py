"""One look for the graph everywhere: colours and captions per label, shared by the HTML views and
the Neo4j Browser style shipped as ``cypher/graphkit.grass`` (generated from this module by
:func:`to_grass`; a test keeps the two equal).

The colours are Neo4j Browser's own palette, so a Browser user sees familiar hues, and each is
paired with a text colour that stays readable on it.
"""

from __future__ import annotations

__all__ = [
    "LABEL_COLORS", "LABEL_BORDER_COLORS", "LABEL_TEXT_COLORS", "LABEL_CAPTIONS", "LABEL_SIZES", "CLUSTER_COLORS",
    "to_grass",
]

#: fill colour per node label
LABEL_COLORS: dict[str, str] = {
    "Author": "#4C8EDA",
    "Paper": "#F79767",
    "Method": "#8DCC93",
    "Dataset": "#57C7E3",
    "Task": "#C990C0",
    "Venue": "#FFC454",
    "Affiliation": "#DA7194",
    "Category": "#A5ABB6",
}

#: fill colours of the co-author clusters of a folded page, largest cluster first (Tableau 10, blue last:
#: authors outside the ten largest clusters keep the Author blue)
CLUSTER_COLORS: tuple[str, ...] = (
    "#E15759", "#59A14F", "#9C6ADE", "#F28E2B", "#17BECF", "#B07AA1", "#EDC948", "#FF9DA7", "#9C755F", "#76B7B2",
)

#: border colour per node label (the fill, darker)
LABEL_BORDER_COLORS: dict[str, str] = {
    "Author": "#2870C2",
    "Paper": "#F36924",
    "Method": "#5DB665",
    "Dataset": "#23B3D7",
    "Task": "#B261A5",
    "Venue": "#EDA600",
    "Affiliation": "#CC3C6C",
    "Category": "#808080",
}

#: caption text colour per node label
LABEL_TEXT_COLORS: dict[str, str] = {
    "Author": "#FFFFFF",
    "Paper": "#FFFFFF",
    "Method": "#2A2C34",
    "Dataset": "#2A2C34",
    "Task": "#FFFFFF",
    "Venue": "#2A2C34",
    "Affiliation": "#FFFFFF",
    "Category": "#2A2C34",
}

#: node property shown as the caption
LABEL_CAPTIONS: dict[str, str] = {label: "name" for label in LABEL_COLORS} | {"Paper": "title"}

#: node diameter in pixels
LABEL_SIZES: dict[str, int] = {
    "Author": 55,
    "Paper": 40,
    "Method": 50,
    "Dataset": 50,
    "Task": 50,
    "Venue": 50,
    "Affiliation": 45,
    "Category": 35,
}


def to_grass() -> str:
    """The Neo4j Browser style sheet (GraSS) for these labels.

    >>> sheet = to_grass()
    >>> 'color: #4C8EDA;' in sheet.split("node.Author")[1].split("node.")[0]
    True
    >>> 'caption: "{title}";' in sheet.split("node.Paper")[1].split("node.")[0]
    True
    """
    blocks = [
        "node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n"
        "  text-color-internal: #FFFFFF;\n  font-size: 10px;\n}",
        "relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n"
        "  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: \"<type>\";\n}",
    ]
    for label, color in LABEL_COLORS.items():
        blocks.append(
            f"node.{label} {{\n  diameter: {LABEL_SIZES[label]}px;\n  color: {color};\n"
            f"  border-color: {LABEL_BORDER_COLORS[label]};\n  text-color-internal: {LABEL_TEXT_COLORS[label]};\n"
            f"  caption: \"{{{LABEL_CAPTIONS[label]}}}\";\n}}"
        )
    return "\n\n".join(blocks) + "\n"
