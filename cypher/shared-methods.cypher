// name: shared-methods
// description: Authors who propose or use the same methods as an author but have never co-authored with them.
// param: name (author) — the author
// param: limit (int) = 25 — at most this many rows
// Counts first and lists the shared methods only for the rows kept: a popular method reaches
// thousands of papers, so the wide part of the walk carries nothing but (other, method) pairs,
// and co-authors are excluded by a list read once instead of a COAUTHOR check per pair.
// The walk leaves out the labels in between: PROPOSES/USES start at a Paper, AUTHORED at an Author.
MATCH (a:Author {id: $name})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(:Paper)-[:PROPOSES|USES]->(m:Method)
  RETURN collect(DISTINCT m) AS methods
}
WITH methods, collect { MATCH (a)-[:COAUTHOR]-(c:Author) RETURN c } + a AS excluded
UNWIND methods AS m
MATCH (m)<-[:PROPOSES|USES]-()<-[:AUTHORED]-(other)
WHERE NOT other IN excluded
WITH DISTINCT methods, other, m
WITH methods, other, count(*) AS shared_methods
ORDER BY shared_methods DESC, other.name, other.id
LIMIT $limit
CALL (other, methods) {
  MATCH (other)-[:AUTHORED]->()-[:PROPOSES|USES]->(m)
  WHERE m IN methods
  WITH DISTINCT m
  ORDER BY m.name, m.id
  RETURN collect(m.name) AS names
}
RETURN other.name AS author, other.id AS id, shared_methods, names AS methods
ORDER BY shared_methods DESC, author, id
