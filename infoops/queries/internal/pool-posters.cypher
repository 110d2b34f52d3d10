// Posters and their amplifiers, for the amplifier-pool engines
// name: pool-posters
// description: >
//   The posters of amplifier-pools and amplifier-pool-members (at least $min_amplifiers
//   distinct amplifiers in scope, at most $max_follower_ratio followers per amplifier) of one
//   part of the accounts (internal node id modulo parts: the engine runs the parts side by
//   side, as a query runs on one core), each as [internal id, key, screen name, platform id],
//   and the internal ids of each one's distinct amplifiers, in no particular order.
//   infoops.analysis.pools pairs the posters as the packs do (their Cypher pairs them in
//   Cypher, for Neo4j Browser). Accounts go by internal id (id(), deprecated in Neo4j 5 but
//   there through 5.26): one integer per amplifier instead of a node.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only interactions of these collections"}
//   since: {type: datetime, default: null, description: "only interactions at or after this time"}
//   until: {type: datetime, default: null, description: "only interactions before this time"}
//   min_amplifiers: {type: int, default: 20, description: "fewest distinct amplifiers for a poster"}
//   max_follower_ratio: {type: float, default: 10.0, description: "most followers per amplifier a poster may have (null: any account)"}
//   parts: {type: int, default: 1, description: "how many parts the accounts are split into"}
//   part: {type: int, default: 0, description: "this part, 0 to parts - 1"}
// columns: [posters, amplifiers]
CALL () {
  // The packs' two branches: unscoped, the derived account-level edges from the posters
  // found through the index on their number of amplifiers; scoped, the acts themselves.
  WITH 1 AS unscoped
  WHERE $collections IS NULL AND $since IS NULL AND $until IS NULL
  MATCH (poster:Account)
  WHERE poster.amplifiers >= $min_amplifiers
    AND ($max_follower_ratio IS NULL
         OR coalesce(poster.followers, 0) <= $max_follower_ratio * poster.amplifiers)
    AND id(poster) % $parts = $part
  MATCH (amplifier)-[:RETWEETED|LIKED_POST_OF]->(poster)
  RETURN poster, collect(DISTINCT id(amplifier)) AS amplifiers
  UNION ALL
  WITH 1 AS scoped
  WHERE $collections IS NOT NULL OR $since IS NOT NULL OR $until IS NOT NULL
  CALL () {
    MATCH (amplifier:Account)-[:POSTED]->(retweet:Post)-[:RETWEET_OF]->(:Post)<-[:POSTED]-(poster:Account)
    WHERE amplifier <> poster AND id(poster) % $parts = $part
      AND ($collections IS NULL OR any(c IN retweet.collections WHERE c IN $collections))
      AND ($since IS NULL OR retweet.created_at >= datetime($since))
      AND ($until IS NULL OR retweet.created_at < datetime($until))
    RETURN poster, amplifier
    UNION
    MATCH (amplifier:Account)-[liked:LIKED]->(post:Post)<-[:POSTED]-(poster:Account)
    WITH amplifier, poster, post, coalesce(liked.at, post.created_at) AS at
    WHERE amplifier <> poster AND id(poster) % $parts = $part
      AND ($collections IS NULL OR any(c IN post.collections WHERE c IN $collections))
      AND ($since IS NULL OR at >= datetime($since))
      AND ($until IS NULL OR at < datetime($until))
    RETURN poster, amplifier
  }
  RETURN poster, collect(id(amplifier)) AS amplifiers
}
WITH poster, amplifiers
WHERE size(amplifiers) >= $min_amplifiers
  AND ($max_follower_ratio IS NULL
       OR coalesce(poster.followers, 0) <= $max_follower_ratio * size(amplifiers))
RETURN collect([id(poster), poster.key, poster.screen_name, poster.id]) AS posters,
       collect(amplifiers) AS amplifiers;
