// name: venue-authors
// description: Authors with papers published in or naming a venue, with the number of such papers.
// param: venue (venue) — the venue
// param: limit (int) = 50 — at most this many rows
MATCH (venue:Venue {id: $venue})<-[:PUBLISHED_IN|MENTIONS]-(paper:Paper)<-[:AUTHORED]-(author:Author)
WITH author, count(DISTINCT paper) AS papers
RETURN author.name AS author, author.id AS id, papers
ORDER BY papers DESC, author, id
LIMIT $limit
