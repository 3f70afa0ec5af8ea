// name: dataset-methods
// description: Methods proposed or used by papers that evaluate on a dataset, with the number of papers.
// param: dataset (dataset) — the dataset ("CMU-MOSI", "cmu mosi")
// param: limit (int) = 50 — at most this many rows
MATCH (dataset:Dataset {id: $dataset})<-[:EVALUATED_ON]-(paper:Paper)-[:PROPOSES|USES]->(method:Method)
WITH method, count(DISTINCT paper) AS papers
RETURN method.name AS method, method.id AS id, papers
ORDER BY papers DESC, method, id
LIMIT $limit
