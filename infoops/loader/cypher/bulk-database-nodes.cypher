// Nodes in the database, before a bulk load
// name: bulk-database-nodes
// description: >
//   How many nodes the database holds (from the count store). A bulk load replaces the whole
//   database with what neo4j-admin imports, so it runs on an empty database only.
// columns: [nodes]
MATCH (n)
RETURN count(n) AS nodes;
