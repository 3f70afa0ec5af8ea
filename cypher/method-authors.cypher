// name: method-authors
// description: Authors whose papers propose or use a method, with the number of papers.
// param: method (method) — the method by its name ("multimodal information bottleneck")
// param: limit (int) = 50 — at most this many rows
MATCH (method:Method {id: $method})<-[:PROPOSES|USES]-(paper:Paper)<-[:AUTHORED]-(author:Author)
WITH author, count(DISTINCT paper) AS papers
RETURN author.name AS author, author.id AS id, papers
ORDER BY papers DESC, author, id
LIMIT $limit
