// name: top-methods
// description: Methods proposed or used by the most papers.
// param: limit (int) = 10 — how many methods
MATCH (paper:Paper)-[:PROPOSES|USES]->(method:Method)
WITH method, count(DISTINCT paper) AS papers
ORDER BY papers DESC, method.name, method.id
LIMIT $limit
RETURN method.name AS method, method.id AS id, papers
