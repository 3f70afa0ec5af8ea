// name: paper-entities
// description: Methods, datasets, tasks and venues a paper mentions, with the evidence sentence and rule.
// param: title (paper) — the paper's title (case and punctuation do not matter) or its id
MATCH (p:Paper {id: $title})-[mention:PROPOSES|USES|EVALUATED_ON|ADDRESSES|MENTIONS]->(e:Method|Dataset|Task|Venue)
RETURN labels(e)[0] AS label, e.name AS entity, type(mention) AS relation,
       mention.sentence AS sentence, mention.start AS `start`, mention.end AS `end`, mention.rule AS rule,
       e.id AS id
ORDER BY `start`, `end`, label, id, relation
