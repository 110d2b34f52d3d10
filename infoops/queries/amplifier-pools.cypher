// Amplifier pools: posters that draw on the same amplifiers
// name: amplifier-pools
// description: >
//   The strong edges between stars. A poster is an account with at least $min_amplifiers
//   distinct amplifiers (accounts that retweeted or liked its posts in scope) and no more than
//   $max_follower_ratio followers per amplifier: organic engagement comes from a following, so
//   popular accounts have far more followers than amplifiers (a few in a hundred followers
//   amplify a post), while a pool lifts accounts few follow (posters with a few hundred
//   followers and a few dozen amplifiers pass the default, 10). For every two posters: how many amplifiers they share and the Jaccard index
//   of their amplifier sets; a reused pool makes two unrelated posters share many of theirs.
//   (With max_follower_ratio null every amplified account is paired; the audiences of organic
//   accounts of one small community can overlap as much as a pool's.) Ranked by Jaccard.
//   `amplifier-pool-members` groups the posters into pools.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only interactions of these collections"}
//   since: {type: datetime, default: null, description: "only interactions at or after this time"}
//   until: {type: datetime, default: null, description: "only interactions before this time"}
//   min_amplifiers: {type: int, default: 20, description: "fewest distinct amplifiers for a poster to be paired"}
//   max_follower_ratio: {type: float, default: 10.0, description: "most followers per amplifier a poster may have (null: any account)"}
//   min_shared: {type: int, default: 20, description: "fewest shared amplifiers for a pair to be listed (small audiences overlap by chance)"}
//   min_jaccard: {type: float, default: 0.05, description: "lowest Jaccard index for a pair to be listed"}
// columns: [poster_a, poster_b, poster_a_id, poster_b_id, amplifiers_a, amplifiers_b, shared_amplifiers, jaccard]
// engine: infoops.analysis.pools:amplifier_pools
CALL () {
  // Unscoped, the derived account-level edges say who amplified whom; the posters are found
  // through the index on their number of amplifiers (derive-amplification keeps it), before
  // their amplifiers are read. (The derived edges join accounts only: no label check.)
  WITH 1 AS unscoped
  WHERE $collections IS NULL AND $since IS NULL AND $until IS NULL
  MATCH (poster:Account)
  WHERE poster.amplifiers >= $min_amplifiers
    AND ($max_follower_ratio IS NULL
         OR coalesce(poster.followers, 0) <= $max_follower_ratio * poster.amplifiers)
  MATCH (amplifier)-[:RETWEETED|LIKED_POST_OF]->(poster)
  RETURN poster, collect(DISTINCT amplifier) AS amplifiers
  UNION ALL
  // Each branch gathers a poster's distinct amplifiers itself: only the posters pass the
  // UNION ALL, not every pair.
  WITH 1 AS scoped
  WHERE $collections IS NOT NULL OR $since IS NOT NULL OR $until IS NOT NULL
  CALL () {
    MATCH (amplifier:Account)-[:POSTED]->(retweet:Post)-[:RETWEET_OF]->(:Post)<-[:POSTED]-(poster:Account)
    WHERE amplifier <> poster
      AND ($collections IS NULL OR any(c IN retweet.collections WHERE c IN $collections))
      AND ($since IS NULL OR retweet.created_at >= datetime($since))
      AND ($until IS NULL OR retweet.created_at < datetime($until))
    RETURN poster, amplifier
    UNION
    MATCH (amplifier:Account)-[liked:LIKED]->(post:Post)<-[:POSTED]-(poster:Account)
    WITH amplifier, poster, post, coalesce(liked.at, post.created_at) AS at
    WHERE amplifier <> poster
      AND ($collections IS NULL OR any(c IN post.collections WHERE c IN $collections))
      AND ($since IS NULL OR at >= datetime($since))
      AND ($until IS NULL OR at < datetime($until))
    RETURN poster, amplifier
  }
  RETURN poster, collect(amplifier) AS amplifiers
}
WITH poster, amplifiers
WHERE size(amplifiers) >= $min_amplifiers
  AND ($max_follower_ratio IS NULL
       OR coalesce(poster.followers, 0) <= $max_follower_ratio * size(amplifiers))
WITH collect({poster: poster, amplifiers: amplifiers}) AS candidates
// Shared amplifiers of every two posters, counted over pairs of list positions (integers are
// far cheaper to group than pairs of nodes).
CALL (candidates) {
  UNWIND range(0, size(candidates) - 1) AS position
  UNWIND candidates[position].amplifiers AS amplifier
  WITH amplifier, collect(position) AS positions
  // Each two positions of the (ascending) list once, as one number.
  UNWIND range(0, size(positions) - 2) AS x
  WITH positions[x] * size(candidates) AS base, positions[x + 1..] AS later
  UNWIND later AS j
  WITH base + j AS pair, count(*) AS shared
  RETURN pair / size(candidates) AS i, pair % size(candidates) AS j, shared
}
// Only nodes and numbers go on: rows that carry the amplifier lists would be copied by the sort.
WITH candidates[i].poster AS first, candidates[j].poster AS second,
     size(candidates[i].amplifiers) AS first_amplifiers,
     size(candidates[j].amplifiers) AS second_amplifiers, shared
WHERE shared >= $min_shared
WITH first, second, first_amplifiers, second_amplifiers, shared,
     toFloat(shared) / (first_amplifiers + second_amplifiers - shared) AS jaccard
WHERE jaccard >= $min_jaccard
// Name the pair in a fixed order, so any run lists it the same way.
WITH CASE WHEN first.key < second.key THEN [first, second] ELSE [second, first] END AS pair,
     CASE WHEN first.key < second.key THEN [first_amplifiers, second_amplifiers]
          ELSE [second_amplifiers, first_amplifiers] END AS sizes,
     shared, jaccard
RETURN pair[0].screen_name AS poster_a, pair[1].screen_name AS poster_b,
       pair[0].id AS poster_a_id, pair[1].id AS poster_b_id, sizes[0] AS amplifiers_a,
       sizes[1] AS amplifiers_b, shared AS shared_amplifiers, round(jaccard, 4) AS jaccard
ORDER BY jaccard DESC, shared_amplifiers DESC, poster_a_id, poster_b_id;
