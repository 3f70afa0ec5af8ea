// name: venue-authors
// description: Authors with papers published in or naming a venue, with the number of such papers.
// param: venue (venue) — the venue
// param: limit (int) = 50 — at most this many rows
MATCH (v:Venue {id: $venue})<-[:PUBLISHED_IN|MENTIONS]-(p:Paper)<-[:AUTHORED]-(a:Author)
WITH a, count(DISTINCT p) AS papers
RETURN a.name AS author, a.id AS id, papers
ORDER BY papers DESC, author, id
LIMIT $limit
