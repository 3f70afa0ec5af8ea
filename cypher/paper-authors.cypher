// name: paper-authors
// description: Authors of a paper in the order listed.
// param: title (paper) — the paper's title (case and punctuation do not matter) or its id
MATCH (paper:Paper {id: $title})<-[authored:AUTHORED]-(author:Author)
RETURN authored.position AS position, author.name AS author, author.id AS id
ORDER BY position, author, id
