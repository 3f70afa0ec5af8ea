// name: task-methods
// description: Methods proposed or used by papers that address a task, with the number of papers.
// param: task (task) — the task
// param: limit (int) = 50 — at most this many rows
MATCH (t:Task {id: $task})<-[:ADDRESSES]-(p:Paper)-[:PROPOSES|USES]->(m:Method)
WITH m, count(DISTINCT p) AS papers
RETURN m.name AS method, m.id AS id, papers
ORDER BY papers DESC, method, id
LIMIT $limit
