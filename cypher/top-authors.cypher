// name: top-authors
// description: Authors with the most papers in the graph.
// param: limit (int) = 10 — how many authors
// Reads the `papers` count the stores keep on every Author (README "Graph schema"): the range
// index on it gives the nodes in count order, so this reads only the top of the index.
MATCH (a:Author)
WHERE a.papers > 0
RETURN a.name AS author, a.id AS id, a.papers AS papers
ORDER BY papers DESC, author, id
LIMIT $limit
