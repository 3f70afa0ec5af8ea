// name: paper-entities
// description: Methods, datasets, tasks and venues a paper mentions, with the evidence sentence and rule.
// param: title (paper) — the paper's title (case and punctuation do not matter) or its id
MATCH (paper:Paper {id: $title})-[mention:PROPOSES|USES|EVALUATED_ON|ADDRESSES|MENTIONS]->(entity:Method|Dataset|Task|Venue)
RETURN labels(entity)[0] AS label, entity.name AS entity, type(mention) AS relation,
       mention.sentence AS sentence, mention.start AS start, mention.end AS end, mention.rule AS rule,
       entity.id AS id
ORDER BY start, end, label, id, relation
