// name: venue-papers
// description: Papers published in a venue (metadata) or naming it in the abstract, newest first.
// param: venue (venue) — the venue ("ACL", "CVPR")
// param: limit (int) = 100 — at most this many rows
MATCH (v:Venue {id: $venue})<-[:PUBLISHED_IN|MENTIONS]-(p:Paper)
WITH DISTINCT v, p
RETURN p.title AS title, p.year AS year,
       EXISTS { (p)-[:PUBLISHED_IN]->(v) } AS published_in, p.id AS id
ORDER BY year IS NULL, year DESC, title, id
LIMIT $limit
