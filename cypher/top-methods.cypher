// name: top-methods
// description: Methods proposed or used by the most papers.
// param: limit (int) = 10 — how many methods
// Reads the `papers` count the stores keep on every Method (README "Graph schema"): the range
// index on it gives the nodes in count order, so this reads only the top of the index.
MATCH (m:Method)
WHERE m.papers > 0
RETURN m.name AS method, m.id AS id, m.papers AS papers
ORDER BY papers DESC, method, id
LIMIT $limit
