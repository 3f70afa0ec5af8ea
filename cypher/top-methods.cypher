// name: top-methods
// description: Methods proposed or used by the most papers.
// param: limit (int) = 10 — how many methods
MATCH (p:Paper)-[:PROPOSES|USES]->(m:Method)
WITH m, count(DISTINCT p) AS papers
ORDER BY papers DESC, m.name, m.id
LIMIT $limit
RETURN m.name AS method, m.id AS id, papers
