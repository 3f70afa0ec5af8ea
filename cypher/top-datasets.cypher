// name: top-datasets
// description: Datasets the most papers evaluate on.
// param: limit (int) = 10 — how many datasets
MATCH (d:Dataset)
WITH d, COUNT { (d)<-[:EVALUATED_ON]-() } AS papers
WHERE papers > 0
ORDER BY papers DESC, d.name, d.id
LIMIT $limit
RETURN d.name AS dataset, d.id AS id, papers
