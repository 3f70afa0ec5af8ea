// name: author-tasks
// description: Tasks (research problems) an author's papers address, with the number of papers.
// param: name (author) — the author
// param: limit (int) = 50 — at most this many rows
MATCH (a:Author {id: $name})-[:AUTHORED]->(p:Paper)-[:ADDRESSES]->(t:Task)
WITH t, count(DISTINCT p) AS papers
RETURN t.name AS task, t.id AS id, papers
ORDER BY papers DESC, task, id
LIMIT $limit
