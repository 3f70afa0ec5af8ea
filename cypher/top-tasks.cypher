// name: top-tasks
// description: Tasks the most papers address.
// param: limit (int) = 10 — how many tasks
MATCH (t:Task)
WITH t, COUNT { (t)<-[:ADDRESSES]-() } AS papers
WHERE papers > 0
ORDER BY papers DESC, t.name, t.id
LIMIT $limit
RETURN t.name AS task, t.id AS id, papers
