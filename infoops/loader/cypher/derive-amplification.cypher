// Derive the amplification statistics of accounts
// name: derive-amplification
// description: >
//   Recomputes, for every account marked StaleAmplification by derive-account-edges (then
//   unmarks it), in transactions of $batch_size accounts run side by side, what great-retweet
//   and the amplifier-pool packs read when unscoped, so they need not go through the post
//   level: amplifiers (distinct accounts with a RETWEETED or LIKED_POST_OF edge to it),
//   amplifiers_reused (those of them that also retweeted or liked some other account),
//   retweets_received and likes_received (the sums of those edges' counts), amplified_posts
//   (its posts retweeted or liked by another account) and first_amplified_at (the earliest
//   time of these posts; a stub post's is its first retweet or like). An account nobody
//   amplified has none of them. Every input is marked by derive-account-edges: an amplifier
//   whose edges change marks the accounts it amplified before and after, so the statistics
//   are exact after any sequence of loads.
// parameters:
//   batch_size: {type: int, default: 500}
// columns: []
MATCH (t:StaleAmplification)
CALL (t) {
  REMOVE t:StaleAmplification
  WITH t
  CALL (t) {
    MATCH (amplifier)-[r:RETWEETED|LIKED_POST_OF]->(t)
    WITH amplifier,
         sum(CASE type(r) WHEN 'RETWEETED' THEN r.count ELSE 0 END) AS retweets,
         sum(CASE type(r) WHEN 'LIKED_POST_OF' THEN r.count ELSE 0 END) AS likes
    RETURN count(*) AS amplifiers, sum(retweets) AS retweets_received,
           sum(likes) AS likes_received,
           sum(CASE WHEN EXISTS { (amplifier)-[:RETWEETED|LIKED_POST_OF]->(other)
                                  WHERE other <> t } THEN 1 ELSE 0 END) AS amplifiers_reused
  }
  // The post level only for the amplified (one row, counting nothing, for the others).
  CALL (t, amplifiers) {
    WITH t WHERE amplifiers > 0
    MATCH (t)-[:POSTED]->(post:Post)
    WHERE EXISTS {
            MATCH (post)<-[:RETWEET_OF]-(:Post)<-[:POSTED]-(amplifier:Account)
            WHERE amplifier <> t
          }
       OR EXISTS {
            MATCH (post)<-[:LIKED]-(amplifier:Account)
            WHERE amplifier <> t
          }
    RETURN count(post) AS amplified_posts,
           min(CASE WHEN post.created_at IS NOT NULL THEN post.created_at
                    ELSE apoc.coll.min(
                      COLLECT { MATCH (post)<-[:RETWEET_OF]-(r:Post) RETURN r.created_at }
                      + COLLECT { MATCH (post)<-[l:LIKED]-() RETURN l.at }) END)
             AS first_amplified_at
  }
  WITH t, amplifiers > 0 AS amplified, amplifiers, amplifiers_reused, retweets_received,
       likes_received, amplified_posts, first_amplified_at
  SET t.amplifiers = CASE WHEN amplified THEN amplifiers END,
      t.amplifiers_reused = CASE WHEN amplified THEN amplifiers_reused END,
      t.retweets_received = CASE WHEN amplified THEN retweets_received END,
      t.likes_received = CASE WHEN amplified THEN likes_received END,
      t.amplified_posts = CASE WHEN amplified THEN amplified_posts END,
      t.first_amplified_at = CASE WHEN amplified THEN first_amplified_at END
// Each transaction writes only its own accounts, so none waits for another's locks: as many
// run at once as the server has cores.
} IN CONCURRENT TRANSACTIONS OF $batch_size ROWS;
