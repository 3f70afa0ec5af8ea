// name: coauthors
// description: Co-authors of an author, with the number of joint papers (most joint papers first).
// param: name (author) — the author, any spelling with the same author key ("sijie mai", "Mai, Sijie")
// param: limit (int) = 50 — at most this many rows
MATCH (a:Author {id: $name})-[link:COAUTHOR]-(co:Author)
RETURN co.name AS coauthor, co.id AS id, link.papers AS joint_papers
ORDER BY joint_papers DESC, coauthor, id
LIMIT $limit
