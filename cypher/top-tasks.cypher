// name: top-tasks
// description: Tasks the most papers address.
// param: limit (int) = 10 — how many tasks
// Reads the `papers` count the stores keep on every Task (README "Graph schema"): the range
// index on it gives the nodes in count order, so this reads only the top of the index.
MATCH (t:Task)
WHERE t.papers > 0
RETURN t.name AS task, t.id AS id, t.papers AS papers
ORDER BY papers DESC, task, id
LIMIT $limit
