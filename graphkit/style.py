"""One colour per node label, shared by the HTML pages and the Neo4j Browser style."""

__all__ = ["LABEL_COLORS"]

#: node label -> colour (a colour-blind-friendly set, after Okabe & Ito)
LABEL_COLORS = {
    "Author": "#0072B2",
    "Paper": "#9AA5B1",
    "Method": "#D55E00",
    "Dataset": "#009E73",
    "Task": "#CC79A7",
    "Venue": "#E69F00",
    "Affiliation": "#56B4E9",
    "Category": "#6B6B6B",
}
