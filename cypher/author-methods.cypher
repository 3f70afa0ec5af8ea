// name: author-methods
// description: Methods an author's papers propose or use, with the number of papers (and of papers proposing it).
// param: name (author) — the author
// param: limit (int) = 50 — at most this many rows
MATCH (author:Author {id: $name})-[:AUTHORED]->(paper:Paper)-[mention:PROPOSES|USES]->(method:Method)
WITH method,
     count(DISTINCT paper) AS papers,
     count(DISTINCT CASE WHEN type(mention) = 'PROPOSES' THEN paper END) AS proposed
RETURN method.name AS method, method.id AS id, papers, proposed
ORDER BY papers DESC, method, id
LIMIT $limit
