// Who amplified whom, for the communities engine's HITS
// name: amplification-pairs
// description: >
//   The directed amplification graph of the communities pack (amplifier -> poster: who
//   retweeted or liked whom, in scope) of one part of the amplifiers (internal node id modulo
//   parts: the engine runs the parts side by side, as a query runs on one core), as two
//   lists of internal ids: amplifiers[i] amplified posters[i]. A pair may come more than once
//   (a retweet and a like); infoops.analysis.hits keeps it once, as the pack's projection does.
//   Accounts go by internal id (id(), deprecated in Neo4j 5 but there through 5.26).
// parameters:
//   collections: {type: "list[string]", default: null, description: "only interactions of these collections"}
//   since: {type: datetime, default: null, description: "only interactions at or after this time"}
//   until: {type: datetime, default: null, description: "only interactions before this time"}
//   parts: {type: int, default: 1, description: "how many parts the amplifiers are split into"}
//   part: {type: int, default: 0, description: "this part, 0 to parts - 1"}
// columns: [amplifiers, posters]
CALL () {
  WITH 1 AS unscoped
  WHERE $collections IS NULL AND $since IS NULL AND $until IS NULL
  // (The derived edges join accounts only: no label check on the far end.)
  MATCH (amplifier:Account)
  WHERE id(amplifier) % $parts = $part
  MATCH (amplifier)-[:RETWEETED|LIKED_POST_OF]->(poster)
  RETURN amplifier, poster
  UNION ALL
  WITH 1 AS scoped
  WHERE $collections IS NOT NULL OR $since IS NOT NULL OR $until IS NOT NULL
  CALL () {
    MATCH (amplifier:Account)-[:POSTED]->(retweet:Post)-[:RETWEET_OF]->(:Post)<-[:POSTED]-(poster:Account)
    WHERE amplifier <> poster AND id(amplifier) % $parts = $part
      AND ($collections IS NULL OR any(c IN retweet.collections WHERE c IN $collections))
      AND ($since IS NULL OR retweet.created_at >= datetime($since))
      AND ($until IS NULL OR retweet.created_at < datetime($until))
    RETURN amplifier, poster
    UNION
    MATCH (amplifier:Account)-[liked:LIKED]->(post:Post)<-[:POSTED]-(poster:Account)
    WITH amplifier, poster, post, coalesce(liked.at, post.created_at) AS at
    WHERE amplifier <> poster AND id(amplifier) % $parts = $part
      AND ($collections IS NULL OR any(c IN post.collections WHERE c IN $collections))
      AND ($since IS NULL OR at >= datetime($since))
      AND ($until IS NULL OR at < datetime($until))
    RETURN amplifier, poster
  }
  RETURN amplifier, poster
}
RETURN collect(id(amplifier)) AS amplifiers, collect(id(poster)) AS posters;
