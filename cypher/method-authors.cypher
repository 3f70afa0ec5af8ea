// name: method-authors
// description: Authors whose papers propose or use a method, with the number of papers.
// param: method (method) — the method by its name ("multimodal information bottleneck")
// param: limit (int) = 50 — at most this many rows
MATCH (m:Method {id: $method})<-[:PROPOSES|USES]-(p:Paper)<-[:AUTHORED]-(a:Author)
WITH a, count(DISTINCT p) AS papers
RETURN a.name AS author, a.id AS id, papers
ORDER BY papers DESC, author, id
LIMIT $limit
