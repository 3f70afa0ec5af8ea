"""The Neo4j Browser style shipped in cypher/ is the one graphkit.viz.style describes."""

from graphkit.query import catalog_dir
from graphkit.schema import NODE_LABELS
from graphkit.viz.style import LABEL_CAPTIONS, LABEL_COLORS, to_grass


def test_every_label_has_a_colour_and_a_caption():
    assert set(LABEL_COLORS) == set(NODE_LABELS) == set(LABEL_CAPTIONS)
    assert len(set(LABEL_COLORS.values())) == len(LABEL_COLORS)  # one colour per label


def test_shipped_grass_file_matches_the_palette():
    shipped = (catalog_dir() / "graphkit.grass").read_text(encoding="utf-8")
    assert shipped == to_grass(), (
        "regenerate: python -c 'from graphkit.viz.style import to_grass; print(to_grass(), end=\"\")' "
        "> cypher/graphkit.grass"
    )
    for label, colour in LABEL_COLORS.items():
        block = shipped.split(f"node.{label} {{")[1].split("\n}")[0]
        assert f"color: {colour};" in block and f'caption: "{{{LABEL_CAPTIONS[label]}}}";' in block
