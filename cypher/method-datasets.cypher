// name: method-datasets
// description: Datasets that papers proposing or using a method evaluate on, with the number of papers.
// param: method (method) — the method
// param: limit (int) = 50 — at most this many rows
MATCH (m:Method {id: $method})<-[:PROPOSES|USES]-(p:Paper)-[:EVALUATED_ON]->(d:Dataset)
WITH d, count(DISTINCT p) AS papers
RETURN d.name AS dataset, d.id AS id, papers
ORDER BY papers DESC, dataset, id
LIMIT $limit
