// name: top-datasets
// description: Datasets the most papers evaluate on.
// param: limit (int) = 10 — how many datasets
MATCH (dataset:Dataset)
WITH dataset, COUNT { (dataset)<-[:EVALUATED_ON]-(:Paper) } AS papers
WHERE papers > 0
ORDER BY papers DESC, dataset.name, dataset.id
LIMIT $limit
RETURN dataset.name AS dataset, dataset.id AS id, papers
