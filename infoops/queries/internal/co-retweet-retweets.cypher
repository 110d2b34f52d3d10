// Retweets of each retweeted post, for the co-retweet engine
// name: co-retweet-retweets
// description: >
//   One row per post retweeted more than once in scope: the retweeting accounts' keys and the
//   retweets' times (whole epoch seconds), in no particular order; of a post retweeted more
//   than $max_retweets_per_post times, the earliest that many (ties at the cap broken by the
//   retweet's key, as the co-retweet pack does). infoops.analysis.coordination sorts and pairs
//   them (co-retweet.cypher does the same pairing in Cypher, for Neo4j Browser).
// parameters:
//   collections: {type: "list[string]", default: null, description: "only retweets of these collections"}
//   since: {type: datetime, default: null, description: "only retweets at or after this time"}
//   until: {type: datetime, default: null, description: "only retweets before this time"}
//   max_retweets_per_post: {type: int, default: 50000, description: "earliest retweets of a post considered"}
// columns: [accounts, times]
MATCH ()-[:RETWEET_OF]->(original:Post)
WITH original, count(*) AS retweeted
WHERE retweeted > 1
CALL (original, retweeted) {
  // Under the cap, in any order: the engine sorts by time itself, and sorting here costs more
  // than the rest of the query.
  MATCH (account)-[:POSTED]->(retweet)-[:RETWEET_OF]->(original)
  WHERE retweeted <= $max_retweets_per_post
    AND retweet.created_at IS NOT NULL
    AND ($collections IS NULL OR any(c IN retweet.collections WHERE c IN $collections))
    AND ($since IS NULL OR retweet.created_at >= datetime($since))
    AND ($until IS NULL OR retweet.created_at < datetime($until))
  RETURN collect(account.key) AS accounts, collect(retweet.created_at.epochSeconds) AS times
  UNION ALL
  MATCH (account)-[:POSTED]->(retweet)-[:RETWEET_OF]->(original)
  WHERE retweeted > $max_retweets_per_post
    AND retweet.created_at IS NOT NULL
    AND ($collections IS NULL OR any(c IN retweet.collections WHERE c IN $collections))
    AND ($since IS NULL OR retweet.created_at >= datetime($since))
    AND ($until IS NULL OR retweet.created_at < datetime($until))
  WITH account, retweet.created_at.epochSeconds AS t, retweet
  ORDER BY t, retweet.key
  LIMIT $max_retweets_per_post
  RETURN collect(account.key) AS accounts, collect(t) AS times
}
WITH accounts, times
WHERE size(accounts) > 1
RETURN accounts, times;
