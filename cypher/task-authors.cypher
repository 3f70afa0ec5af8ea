// name: task-authors
// description: Authors whose papers address a task, with the number of papers.
// param: task (task) — the task ("multimodal sentiment analysis")
// param: limit (int) = 50 — at most this many rows
MATCH (t:Task {id: $task})<-[:ADDRESSES]-(p:Paper)<-[:AUTHORED]-(a:Author)
WITH a, count(DISTINCT p) AS papers
RETURN a.name AS author, a.id AS id, papers
ORDER BY papers DESC, author, id
LIMIT $limit
