// name: shared-methods
// description: Authors who propose or use the same methods as an author but have never co-authored with them.
// param: name (author) — the author
// param: limit (int) = 25 — at most this many rows
MATCH (a:Author {id: $name})-[:AUTHORED]->(:Paper)-[:PROPOSES|USES]->(m:Method)
WITH DISTINCT a, m
MATCH (m)<-[:PROPOSES|USES]-(:Paper)<-[:AUTHORED]-(other:Author)
WHERE other <> a
WITH DISTINCT a, other, m
WHERE NOT EXISTS { (a)-[:COAUTHOR]-(other) }
ORDER BY m.name, m.id
WITH other, count(m) AS shared_methods, collect(m.name) AS methods
RETURN other.name AS author, other.id AS id, shared_methods, methods
ORDER BY shared_methods DESC, author, id
LIMIT $limit
