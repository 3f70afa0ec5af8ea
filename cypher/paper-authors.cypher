// name: paper-authors
// description: Authors of a paper in the order listed.
// param: title (paper) — the paper's title (case and punctuation do not matter) or its id
MATCH (p:Paper {id: $title})<-[authored:AUTHORED]-(a:Author)
RETURN authored.position AS position, a.name AS author, a.id AS id
ORDER BY position, author, id
