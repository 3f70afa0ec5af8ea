// name: author-venues
// description: Venues an author's papers are published in or name, with the number of papers.
// param: name (author) — the author
// param: limit (int) = 50 — at most this many rows
MATCH (a:Author {id: $name})-[:AUTHORED]->(p:Paper)-[:PUBLISHED_IN|MENTIONS]->(v:Venue)
WITH v, count(DISTINCT p) AS papers
RETURN v.name AS venue, v.id AS id, papers
ORDER BY papers DESC, venue, id
LIMIT $limit
