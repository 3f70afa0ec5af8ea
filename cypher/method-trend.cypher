// name: method-trend
// description: Papers per year that propose or use a method (years without a paper are left out).
// param: method (method) — the method
MATCH (method:Method {id: $method})<-[:PROPOSES|USES]-(paper:Paper)
WHERE paper.year IS NOT NULL
WITH DISTINCT paper
RETURN paper.year AS year, count(paper) AS papers
ORDER BY year
