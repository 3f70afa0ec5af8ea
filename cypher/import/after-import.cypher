// Run once by the local server (scripts/neo4j-local import) at its first start on a database that
// neo4j-admin imported from graphkit's CSV export: what graphkit's Neo4j store creates before and
// derives after a build (graphkit/store/neo4j.py), so the imported database answers the stored
// queries as a built one does. One statement per blank-line-separated block.

CREATE CONSTRAINT graphkit_Paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT graphkit_Author_id IF NOT EXISTS FOR (n:Author) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT graphkit_Method_id IF NOT EXISTS FOR (n:Method) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT graphkit_Dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT graphkit_Task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT graphkit_Venue_id IF NOT EXISTS FOR (n:Venue) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT graphkit_Affiliation_id IF NOT EXISTS FOR (n:Affiliation) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT graphkit_Category_id IF NOT EXISTS FOR (n:Category) REQUIRE n.id IS UNIQUE;

CREATE INDEX graphkit_Author_papers IF NOT EXISTS FOR (n:Author) ON (n.papers);

CREATE INDEX graphkit_Method_papers IF NOT EXISTS FOR (n:Method) ON (n.papers);

CREATE INDEX graphkit_Dataset_papers IF NOT EXISTS FOR (n:Dataset) ON (n.papers);

CREATE INDEX graphkit_Task_papers IF NOT EXISTS FOR (n:Task) ON (n.papers);

CREATE INDEX graphkit_Venue_papers IF NOT EXISTS FOR (n:Venue) ON (n.papers);

CALL db.awaitIndexes(3600);

// the USES_METHOD shortcut (README "Graph schema"): one per author and method their papers
// PROPOSE or USE; the CSV export leaves it out as it is not a schema type
MATCH (a:Author)
CALL (a) {
  MATCH (a)-[:AUTHORED]->(:Paper)-[:PROPOSES|USES]->(m:Method)
  WITH DISTINCT m
  MERGE (a)-[:USES_METHOD]->(m)
} IN TRANSACTIONS OF 5000 ROWS;
