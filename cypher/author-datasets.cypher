// name: author-datasets
// description: Datasets an author's papers evaluate on, with the number of papers.
// param: name (author) — the author
// param: limit (int) = 50 — at most this many rows
MATCH (a:Author {id: $name})-[:AUTHORED]->(p:Paper)-[:EVALUATED_ON]->(d:Dataset)
WITH d, count(DISTINCT p) AS papers
RETURN d.name AS dataset, d.id AS id, papers
ORDER BY papers DESC, dataset, id
LIMIT $limit
