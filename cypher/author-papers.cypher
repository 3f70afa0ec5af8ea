// name: author-papers
// description: Papers of an author, newest first, with the author's position in the author list.
// param: name (author) — the author
// param: limit (int) = 100 — at most this many rows
MATCH (a:Author {id: $name})-[authored:AUTHORED]->(p:Paper)
RETURN p.title AS title, p.year AS year, authored.position AS position, p.id AS id
ORDER BY year IS NULL, year DESC, title, id
LIMIT $limit
