// Finish a bulk load
// name: bulk-finish
// description: >
//   After neo4j-admin import and the schema: lower-cased screen names and name values become
//   exactly what Cypher's toLower makes of them, as the incremental path stores them (the
//   import files carry Python's lower-casing, which differs for a few non-ASCII letters).
//   Then derive-account-edges runs: the import marked every account StaleEdges.
// columns: []
MATCH (a:Account)
WHERE a.screen_name_lower <> toLower(a.screen_name)
CALL (a) { SET a.screen_name_lower = toLower(a.screen_name) } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n:Name)
WHERE n.value_lower <> toLower(n.value)
CALL (n) { SET n.value_lower = toLower(n.value) } IN TRANSACTIONS OF 10000 ROWS;
