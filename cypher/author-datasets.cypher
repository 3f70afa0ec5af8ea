// name: author-datasets
// description: Datasets an author's papers evaluate on, with the number of papers.
// param: name (author) — the author
// param: limit (int) = 50 — at most this many rows
MATCH (author:Author {id: $name})-[:AUTHORED]->(paper:Paper)-[:EVALUATED_ON]->(dataset:Dataset)
WITH dataset, count(DISTINCT paper) AS papers
RETURN dataset.name AS dataset, dataset.id AS id, papers
ORDER BY papers DESC, dataset, id
LIMIT $limit
