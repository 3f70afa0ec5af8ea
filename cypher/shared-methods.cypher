// name: shared-methods
// description: Authors who propose or use the same methods as an author but have never co-authored with them.
// param: name (author) — the author
// param: limit (int) = 25 — at most this many rows
MATCH (author:Author {id: $name})-[:AUTHORED]->(:Paper)-[:PROPOSES|USES]->(method:Method)
      <-[:PROPOSES|USES]-(:Paper)<-[:AUTHORED]-(other:Author)
WHERE other <> author AND NOT EXISTS { (author)-[:COAUTHOR]-(other) }
WITH DISTINCT other, method
ORDER BY method.name, method.id
WITH other, count(method) AS shared_methods, collect(method.name) AS methods
RETURN other.name AS author, other.id AS id, shared_methods, methods
ORDER BY shared_methods DESC, author, id
LIMIT $limit
