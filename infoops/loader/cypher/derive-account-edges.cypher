// Derive the account-level interaction graph
// name: derive-account-edges
// description: >
//   Recomputes, from the post level, every outgoing account-level edge of the accounts marked
//   StaleEdges by the writer (then unmarks them), in transactions of $batch_size accounts, so an
//   interrupted run resumes where it stopped. The edges:
//   RETWEETED, LIKED_POST_OF, REPLIED_TO, MENTIONED and QUOTED, each {count, first_at, last_at}.
//   count is the number of distinct posts (or liked posts) behind the edge, so the edges are
//   exact after any sequence of loads. Self-loops (replying to or retweeting oneself) are left
//   out: they say nothing about coordination between accounts.
//   The accounts whose amplification statistics may change get the StaleAmplification label,
//   for derive-amplification: each derived account itself (its own retweets and likes give a
//   stub post of its own a time) and every account it retweeted or liked before or after.
//   Each account derived also gets the StaleActivity label: derive-activity sums its new edges.
// parameters:
//   batch_size: {type: int, default: 500}
// columns: []
MATCH (a:StaleEdges)
CALL (a) {
  // Writing to the account first takes its lock: a concurrent load deriving the same account
  // waits here, then sees (and replaces) our edges instead of adding a second set.
  REMOVE a:StaleEdges
  SET a:StaleAmplification:StaleActivity
  WITH a
  CALL (a) {
    MATCH (a)-[r:RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED]->(b)
    // An edge that goes changes its end's amplifiers.
    FOREACH (_ IN CASE WHEN type(r) IN ['RETWEETED', 'LIKED_POST_OF'] THEN [1] ELSE [] END |
      SET b:StaleAmplification)
    DELETE r
  }
  CALL (a) {
    MATCH (a)-[:POSTED]->(p:Post)-[:RETWEET_OF]->(:Post)<-[:POSTED]-(b:Account)
    WHERE b <> a
    WITH b, count(DISTINCT p) AS n, min(p.created_at) AS first_at, max(p.created_at) AS last_at
    CREATE (a)-[:RETWEETED {count: n, first_at: first_at, last_at: last_at}]->(b)
    SET b:StaleAmplification
  }
  CALL (a) {
    MATCH (a)-[l:LIKED]->(q:Post)<-[:POSTED]-(b:Account)
    WHERE b <> a
    WITH b, count(DISTINCT q) AS n, min(coalesce(l.at, q.created_at)) AS first_at,
         max(coalesce(l.at, q.created_at)) AS last_at
    CREATE (a)-[:LIKED_POST_OF {count: n, first_at: first_at, last_at: last_at}]->(b)
    SET b:StaleAmplification
  }
  CALL (a) {
    MATCH (a)-[:POSTED]->(p:Post)-[:REPLY_TO]->(:Post)<-[:POSTED]-(b:Account)
    WHERE b <> a
    WITH b, count(DISTINCT p) AS n, min(p.created_at) AS first_at, max(p.created_at) AS last_at
    CREATE (a)-[:REPLIED_TO {count: n, first_at: first_at, last_at: last_at}]->(b)
  }
  CALL (a) {
    MATCH (a)-[:POSTED]->(p:Post)-[:MENTIONS]->(b:Account)
    WHERE b <> a
    WITH b, count(DISTINCT p) AS n, min(p.created_at) AS first_at, max(p.created_at) AS last_at
    CREATE (a)-[:MENTIONED {count: n, first_at: first_at, last_at: last_at}]->(b)
  }
  CALL (a) {
    MATCH (a)-[:POSTED]->(p:Post)-[:QUOTES]->(:Post)<-[:POSTED]-(b:Account)
    WHERE b <> a
    WITH b, count(DISTINCT p) AS n, min(p.created_at) AS first_at, max(p.created_at) AS last_at
    CREATE (a)-[:QUOTED {count: n, first_at: first_at, last_at: last_at}]->(b)
  }
} IN TRANSACTIONS OF $batch_size ROWS;
