// name: method-datasets
// description: Datasets that papers proposing or using a method evaluate on, with the number of papers.
// param: method (method) — the method
// param: limit (int) = 50 — at most this many rows
MATCH (method:Method {id: $method})<-[:PROPOSES|USES]-(paper:Paper)-[:EVALUATED_ON]->(dataset:Dataset)
WITH dataset, count(DISTINCT paper) AS papers
RETURN dataset.name AS dataset, dataset.id AS id, papers
ORDER BY papers DESC, dataset, id
LIMIT $limit
