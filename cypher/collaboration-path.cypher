// name: collaboration-path
// description: Shortest co-author chain between two authors, one row per step (ties: smallest ids first).
// param: a (author) — the first author
// param: b (author) — the second author
MATCH (source:Author {id: $a}), (target:Author {id: $b})
WHERE source <> target
MATCH path = allShortestPaths((source)-[:COAUTHOR*]-(target))
WITH path
ORDER BY [n IN nodes(path) | n.id]
LIMIT 1
WITH nodes(path) AS chain, relationships(path) AS links
UNWIND range(0, size(chain) - 1) AS step
RETURN step, chain[step].name AS author, chain[step].id AS id,
       CASE WHEN step = 0 THEN null ELSE links[step - 1].papers END AS joint_papers
ORDER BY step
