// name: task-authors
// description: Authors whose papers address a task, with the number of papers.
// param: task (task) — the task ("multimodal sentiment analysis")
// param: limit (int) = 50 — at most this many rows
MATCH (task:Task {id: $task})<-[:ADDRESSES]-(paper:Paper)<-[:AUTHORED]-(author:Author)
WITH author, count(DISTINCT paper) AS papers
RETURN author.name AS author, author.id AS id, papers
ORDER BY papers DESC, author, id
LIMIT $limit
