// Amplifier pools and their members
// name: amplifier-pool-members
// description: >
//   The pools themselves. Posters (as in `amplifier-pools`: at least $min_amplifiers distinct
//   amplifiers in scope, at most $max_follower_ratio followers per amplifier) are linked when
//   they share at least $min_shared amplifiers and their amplifier sets have a Jaccard index
//   of at least $min_jaccard. A pool is a community of that graph (GDS Leiden, weighted by
//   Jaccard; connected components would chain pools together through the posters that two
//   pools serve) with at least $min_posters posters; its amplifiers are the accounts that
//   amplified at least $min_poster_share of its posters, and never fewer than two. One row per
//   member: pools are numbered by size, largest first; pool_posters and pool_amplifiers are
//   the pool's sizes, posters_amplified how many of its posters the member amplified
//   (amplifiers) and amplifiers how many of the pool's amplifiers amplified it (posters).
// parameters:
//   collections: {type: "list[string]", default: null, description: "only interactions of these collections"}
//   since: {type: datetime, default: null, description: "only interactions at or after this time"}
//   until: {type: datetime, default: null, description: "only interactions before this time"}
//   min_amplifiers: {type: int, default: 20, description: "fewest distinct amplifiers for a poster to be considered"}
//   max_follower_ratio: {type: float, default: 10.0, description: "most followers per amplifier a poster may have (null: any account)"}
//   min_shared: {type: int, default: 20, description: "fewest shared amplifiers for two posters to be linked"}
//   min_jaccard: {type: float, default: 0.2, description: "lowest Jaccard index for two posters to be linked"}
//   min_posters: {type: int, default: 2, description: "fewest posters for a pool"}
//   min_poster_share: {type: float, default: 0.5, description: "share of the pool's posters an amplifier must have amplified"}
// columns: [pool, role, screen_name, account_id, pool_posters, pool_amplifiers, posters_amplified, amplifiers]
// engine: infoops.analysis.pools:amplifier_pool_members
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
// Leiden's pools depend on the order it meets the posters in: by key, the same in any store
// and after loads in any order (the edges below keep it).
WITH poster, amplifiers ORDER BY poster.key
WITH collect({poster: poster, amplifiers: amplifiers}) AS candidates
// The strong edges between posters: shared amplifiers of every two of them, counted over
// pairs of list positions (integers are far cheaper to group than pairs of nodes).
CALL (candidates) {
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
  WITH i, j, candidates[i].poster AS first, candidates[j].poster AS second,
       size(candidates[i].amplifiers) AS first_amplifiers,
       size(candidates[j].amplifiers) AS second_amplifiers, shared
  WITH i, j, first, second, shared,
       toFloat(shared) / (first_amplifiers + second_amplifiers - shared) AS jaccard
  WHERE shared >= $min_shared AND jaccard >= $min_jaccard
  WITH first, second, jaccard ORDER BY i, j
  RETURN collect([first, second, jaccard]) AS edges
}
// Leiden on these edges, weighted by Jaccard (Louvain with a refinement that keeps each
// community connected, so a pool is a connected group of posters; and on these few hundred
// posters several times sooner), under a name unique to this run (concurrent runs do not
// collide; the projection is dropped before the rows return). Not connected components: a
// poster served by two pools links them, and would merge every pool into one.
WITH candidates, edges, 'infoops-amplifier-pools-' + randomUUID() AS graph_name
CALL (graph_name, edges) {
  UNWIND edges AS edge
  WITH edge[0] AS first, edge[1] AS second, edge[2] AS jaccard
  RETURN gds.graph.project(graph_name, first, second, {relationshipProperties: {weight: jaccard}},
                           {undirectedRelationshipTypes: ['*'], readConcurrency: 1})
    AS projection
}
CALL (projection) {
  WITH projection WHERE projection IS NOT NULL
  // One thread and a fixed seed: the same pools on every run.
  CALL gds.leiden.stream(projection.graphName, {relationshipWeightProperty: 'weight',
                                                concurrency: 1, randomSeed: 42})
  YIELD nodeId, communityId
  RETURN collect({poster: gds.util.asNode(nodeId), component: communityId}) AS components
}
CALL (projection) {
  WITH projection WHERE projection IS NOT NULL
  CALL gds.graph.drop(projection.graphName) YIELD graphName
  RETURN count(graphName) AS dropped
}
UNWIND components AS member
WITH member.component AS component,
     [c IN candidates WHERE c.poster = member.poster][0] AS poster
WITH component, collect(poster) AS posters
WHERE size(posters) >= $min_posters
// Each pool's amplifiers: accounts behind enough of its posters.
CALL (posters) {
  UNWIND posters AS poster
  UNWIND poster.amplifiers AS amplifier
  WITH amplifier, count(*) AS posters_amplified
  WITH amplifier, posters_amplified, toInteger(ceil($min_poster_share * size(posters))) AS needed
  WHERE posters_amplified >= CASE WHEN needed > 2 THEN needed ELSE 2 END
  RETURN collect({account: amplifier, posters_amplified: posters_amplified}) AS amplifiers
}
WITH posters, amplifiers
WHERE size(amplifiers) > 0
ORDER BY size(posters) DESC, size(amplifiers) DESC,
         apoc.coll.min([p IN posters | p.poster.key])
WITH collect({posters: posters, amplifiers: amplifiers}) AS pools
// Rows come out in order by construction: a sort would copy the member lists into every row.
UNWIND range(1, size(pools)) AS pool
WITH pool, pools[pool - 1] AS members
WITH pool, members,
     apoc.map.fromPairs([a IN members.amplifiers | [elementId(a.account), true]]) AS in_pool
WITH pool, size(members.posters) AS pool_posters, size(members.amplifiers) AS pool_amplifiers,
     [p IN members.posters | {role: 'poster', account: p.poster, id: p.poster.id,
       posters_amplified: null,
       amplifiers: size([a IN p.amplifiers WHERE in_pool[elementId(a)]])}] AS poster_rows,
     [a IN members.amplifiers | {role: 'amplifier', account: a.account, id: a.account.id,
       posters_amplified: a.posters_amplified, amplifiers: null}] AS amplifier_rows
UNWIND apoc.coll.sortMulti(poster_rows, ['amplifiers', '^id'])
       + apoc.coll.sortMulti(amplifier_rows, ['posters_amplified', '^id']) AS member
RETURN pool, member.role AS role, member.account.screen_name AS screen_name,
       member.id AS account_id, pool_posters, pool_amplifiers,
       member.posters_amplified AS posters_amplified, member.amplifiers AS amplifiers;
