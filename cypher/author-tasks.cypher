// name: author-tasks
// description: Tasks (research problems) an author's papers address, with the number of papers.
// param: name (author) — the author
// param: limit (int) = 50 — at most this many rows
MATCH (author:Author {id: $name})-[:AUTHORED]->(paper:Paper)-[:ADDRESSES]->(task:Task)
WITH task, count(DISTINCT paper) AS papers
RETURN task.name AS task, task.id AS id, papers
ORDER BY papers DESC, task, id
LIMIT $limit
