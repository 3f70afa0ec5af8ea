// name: venue-papers
// description: Papers published in a venue (metadata) or naming it in the abstract, newest first.
// param: venue (venue) — the venue ("ACL", "CVPR")
// param: limit (int) = 100 — at most this many rows
MATCH (venue:Venue {id: $venue})<-[:PUBLISHED_IN|MENTIONS]-(paper:Paper)
WITH DISTINCT venue, paper
RETURN paper.title AS title, paper.year AS year,
       EXISTS { (paper)-[:PUBLISHED_IN]->(venue) } AS published_in, paper.id AS id
ORDER BY year IS NULL, year DESC, title, id
LIMIT $limit
