// name: dataset-methods
// description: Methods proposed or used by papers that evaluate on a dataset, with the number of papers.
// param: dataset (dataset) — the dataset ("CMU-MOSI", "cmu mosi")
// param: limit (int) = 50 — at most this many rows
MATCH (d:Dataset {id: $dataset})<-[:EVALUATED_ON]-(p:Paper)-[:PROPOSES|USES]->(m:Method)
WITH m, count(DISTINCT p) AS papers
RETURN m.name AS method, m.id AS id, papers
ORDER BY papers DESC, method, id
LIMIT $limit
