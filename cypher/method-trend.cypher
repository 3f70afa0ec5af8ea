// name: method-trend
// description: Papers per year that propose or use a method (years without a paper are left out).
// param: method (method) — the method
MATCH (m:Method {id: $method})<-[:PROPOSES|USES]-(p:Paper)
WHERE p.year IS NOT NULL
WITH DISTINCT p
RETURN p.year AS year, count(p) AS papers
ORDER BY year
