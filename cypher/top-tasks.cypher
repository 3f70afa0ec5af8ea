// name: top-tasks
// description: Tasks the most papers address.
// param: limit (int) = 10 — how many tasks
MATCH (task:Task)
WITH task, COUNT { (task)<-[:ADDRESSES]-(:Paper) } AS papers
WHERE papers > 0
ORDER BY papers DESC, task.name, task.id
LIMIT $limit
RETURN task.name AS task, task.id AS id, papers
