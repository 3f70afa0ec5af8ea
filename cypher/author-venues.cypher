// name: author-venues
// description: Venues an author's papers are published in or name, with the number of papers.
// param: name (author) — the author
// param: limit (int) = 50 — at most this many rows
MATCH (author:Author {id: $name})-[:AUTHORED]->(paper:Paper)-[:PUBLISHED_IN|MENTIONS]->(venue:Venue)
WITH venue, count(DISTINCT paper) AS papers
RETURN venue.name AS venue, venue.id AS id, papers
ORDER BY papers DESC, venue, id
LIMIT $limit
