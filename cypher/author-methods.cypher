// name: author-methods
// description: Methods an author's papers propose or use, with the number of papers (and of papers proposing it).
// param: name (author) — the author
// param: limit (int) = 50 — at most this many rows
MATCH (a:Author {id: $name})-[:AUTHORED]->(p:Paper)-[mention:PROPOSES|USES]->(m:Method)
WITH m,
     count(DISTINCT p) AS papers,
     count(DISTINCT CASE WHEN type(mention) = 'PROPOSES' THEN p END) AS proposed
RETURN m.name AS method, m.id AS id, papers, proposed
ORDER BY papers DESC, method, id
LIMIT $limit
