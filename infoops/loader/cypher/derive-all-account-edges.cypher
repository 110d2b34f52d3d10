// Derive the account-level interaction graph of a fresh bulk import, all accounts at once
// name: derive-all-account-edges
// description: >
//   The edges derive-account-edges makes (same definitions: distinct posts behind each edge,
//   first_at and last_at, no self-loops), for the StaleEdges accounts of a store that has no
//   account-level edges yet: what neo4j-admin import leaves. One aggregation per type over the
//   whole post level instead of five small ones per account: about nine times sooner at a
//   million interactions. It deletes nothing, so it must not run where account-level edges
//   exist (an incremental load uses derive-account-edges). The last statement unmarks the
//   accounts and marks them StaleAmplification and StaleActivity, as derive-account-edges
//   does (in a bulk import every account is stale, so every end of a new edge is marked too).
//   If it stops part way, the accounts stay StaleEdges and the next derive-account-edges
//   replaces whatever edges they got: the result is exact either way.
// parameters:
//   batch_size: {type: int, default: 10000}
// columns: []
MATCH (a:StaleEdges)-[:POSTED]->(p:Post)-[:RETWEET_OF]->(:Post)<-[:POSTED]-(b:Account)
WHERE b <> a
WITH a, b, count(DISTINCT p) AS n, min(p.created_at) AS first_at, max(p.created_at) AS last_at
CALL (a, b, n, first_at, last_at) {
  CREATE (a)-[:RETWEETED {count: n, first_at: first_at, last_at: last_at}]->(b)
} IN TRANSACTIONS OF $batch_size ROWS;

MATCH (a:StaleEdges)-[l:LIKED]->(q:Post)<-[:POSTED]-(b:Account)
WHERE b <> a
WITH a, b, count(DISTINCT q) AS n, min(coalesce(l.at, q.created_at)) AS first_at,
     max(coalesce(l.at, q.created_at)) AS last_at
CALL (a, b, n, first_at, last_at) {
  CREATE (a)-[:LIKED_POST_OF {count: n, first_at: first_at, last_at: last_at}]->(b)
} IN TRANSACTIONS OF $batch_size ROWS;

MATCH (a:StaleEdges)-[:POSTED]->(p:Post)-[:REPLY_TO]->(:Post)<-[:POSTED]-(b:Account)
WHERE b <> a
WITH a, b, count(DISTINCT p) AS n, min(p.created_at) AS first_at, max(p.created_at) AS last_at
CALL (a, b, n, first_at, last_at) {
  CREATE (a)-[:REPLIED_TO {count: n, first_at: first_at, last_at: last_at}]->(b)
} IN TRANSACTIONS OF $batch_size ROWS;

MATCH (a:StaleEdges)-[:POSTED]->(p:Post)-[:MENTIONS]->(b:Account)
WHERE b <> a
WITH a, b, count(DISTINCT p) AS n, min(p.created_at) AS first_at, max(p.created_at) AS last_at
CALL (a, b, n, first_at, last_at) {
  CREATE (a)-[:MENTIONED {count: n, first_at: first_at, last_at: last_at}]->(b)
} IN TRANSACTIONS OF $batch_size ROWS;

MATCH (a:StaleEdges)-[:POSTED]->(p:Post)-[:QUOTES]->(:Post)<-[:POSTED]-(b:Account)
WHERE b <> a
WITH a, b, count(DISTINCT p) AS n, min(p.created_at) AS first_at, max(p.created_at) AS last_at
CALL (a, b, n, first_at, last_at) {
  CREATE (a)-[:QUOTED {count: n, first_at: first_at, last_at: last_at}]->(b)
} IN TRANSACTIONS OF $batch_size ROWS;

MATCH (a:StaleEdges)
CALL (a) {
  REMOVE a:StaleEdges
  SET a:StaleAmplification:StaleActivity
} IN TRANSACTIONS OF $batch_size ROWS;
