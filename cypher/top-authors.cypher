// name: top-authors
// description: Authors with the most papers in the graph.
// param: limit (int) = 10 — how many authors
MATCH (a:Author)
WITH a, COUNT { (a)-[:AUTHORED]->() } AS papers
WHERE papers > 0
ORDER BY papers DESC, a.name, a.id
LIMIT $limit
RETURN a.name AS author, a.id AS id, papers
