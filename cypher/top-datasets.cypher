// name: top-datasets
// description: Datasets the most papers evaluate on.
// param: limit (int) = 10 — how many datasets
// Reads the `papers` count the stores keep on every Dataset (README "Graph schema"): the range
// index on it gives the nodes in count order, so this reads only the top of the index.
MATCH (d:Dataset)
WHERE d.papers > 0
RETURN d.name AS dataset, d.id AS id, d.papers AS papers
ORDER BY papers DESC, dataset, id
LIMIT $limit
