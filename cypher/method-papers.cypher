// name: method-papers
// description: Papers that propose or use a method, newest first, with the sentence that says so.
// param: method (method) — the method
// param: limit (int) = 100 — at most this many rows
MATCH (m:Method {id: $method})<-[mention:PROPOSES|USES]-(p:Paper)
RETURN p.title AS title, p.year AS year, type(mention) AS relation,
       mention.sentence AS sentence, p.id AS id
ORDER BY year IS NULL, year DESC, title, id, relation
LIMIT $limit
