// name: task-methods
// description: Methods proposed or used by papers that address a task, with the number of papers.
// param: task (task) — the task
// param: limit (int) = 50 — at most this many rows
MATCH (task:Task {id: $task})<-[:ADDRESSES]-(paper:Paper)-[:PROPOSES|USES]->(method:Method)
WITH method, count(DISTINCT paper) AS papers
RETURN method.name AS method, method.id AS id, papers
ORDER BY papers DESC, method, id
LIMIT $limit
