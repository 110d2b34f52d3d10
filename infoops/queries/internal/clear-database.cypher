// Empty the database
// name: clear-database
// description: Deletes every node and relationship in batches (used by tests and `collections drop --all`).
// columns: []
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;
