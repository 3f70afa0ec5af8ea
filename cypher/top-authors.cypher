// name: top-authors
// description: Authors with the most papers in the graph.
// param: limit (int) = 10 — how many authors
MATCH (author:Author)
WITH author, COUNT { (author)-[:AUTHORED]->(:Paper) } AS papers
WHERE papers > 0
ORDER BY papers DESC, author.name, author.id
LIMIT $limit
RETURN author.name AS author, author.id AS id, papers
