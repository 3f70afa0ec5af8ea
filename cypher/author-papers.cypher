// name: author-papers
// description: Papers of an author, newest first, with the author's position in the author list.
// param: name (author) — the author
// param: limit (int) = 100 — at most this many rows
MATCH (author:Author {id: $name})-[authored:AUTHORED]->(paper:Paper)
RETURN paper.title AS title, paper.year AS year, authored.position AS position, paper.id AS id
ORDER BY year IS NULL, year DESC, title, id
LIMIT $limit
