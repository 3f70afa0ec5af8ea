// name: shared-methods
// description: Authors who propose or use the same methods as an author but have never co-authored with them.
// param: name (author) — the author
// param: limit (int) = 25 — at most this many rows
// On Neo4j the walk goes author -> method -> author over the USES_METHOD shortcut the Neo4j store
// keeps (README "Graph schema": one per author and method their papers PROPOSE or USE), not through
// every paper of a popular method; co-authors are excluded by one list read once. USES_METHOD
// always starts at an Author, so `other` needs no label check.
MATCH (a:Author {id: $name})
WITH a, collect { MATCH (a)-[:COAUTHOR]-(c:Author) RETURN c } + a AS excluded
MATCH (a)-[:USES_METHOD]->(m:Method)<-[:USES_METHOD]-(other)
WHERE NOT other IN excluded
WITH other, count(*) AS shared_methods
ORDER BY shared_methods DESC, other.name, other.id
LIMIT $limit
CALL (other) {
  MATCH (:Author {id: $name})-[:USES_METHOD]->(m:Method)<-[:USES_METHOD]-(other)
  WITH m
  ORDER BY m.name, m.id
  RETURN collect(m.name) AS names
}
RETURN other.name AS author, other.id AS id, shared_methods, names AS methods
ORDER BY shared_methods DESC, author, id
