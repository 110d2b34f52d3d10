// Communities, hubs and authorities of the interaction graph
// name: communities
// description: >
//   Modularity classes (GDS Leiden by default, or Louvain with algorithm: louvain) of the
//   weighted, undirected account interaction graph: the weight between two
//   accounts is the number of retweets, likes, replies, mentions and quotes between them in
//   either direction (the sum of the `count`s of their RETWEETED, LIKED_POST_OF, REPLIED_TO,
//   MENTIONED and QUOTED edges when unscoped, projected natively; counted from the posts when
//   scoped). Leiden is Louvain with a refinement step that keeps every community connected:
//   Louvain can leave a pool's amplifiers in the community of a popular account they also
//   amplified (on 13 generated worlds the worst share of planted amplifiers in operation-
//   majority communities was 0.87 with Louvain, 0.91 with Leiden). Written back as
//   Account.community (accounts without interactions get none); the
//   modularity is returned on every row and kept on the (:Analysis {name: 'communities'}) node
//   for `community-summary`. GDS HITS on the directed amplification graph (amplifier -> poster:
//   who retweeted or liked whom) gives Account.hub and Account.authority (scores below a
//   millionth of the top are not written and read as 0). Role (Account.role, absent for other):
//   poster when its authority is at least $relative_score of the highest authority in its
//   community and at least $min_amplifiers accounts amplified it; amplifier when its hub
//   score is at least $relative_score of the highest hub score in its community and it
//   amplified at least $min_amplified accounts; other otherwise. Relative to its community,
//   not to the whole graph: HITS concentrates on the strongest amplification structure
//   (power iteration lets it swamp weaker, separate ones, often a celebrity and its crowd),
//   so an operation beside it would get no roles. Roles are structural: an organic
//   community has its posters and amplifiers too (tell them apart with community-summary's
//   share of new accounts and name scripts). An earlier run's properties are replaced.
//   (`infoops run` computes HITS in Python, as GDS's Pregel HITS does and 30-40 times
//   sooner at ten million interactions: infoops.analysis.hits; the rest runs as written.)
//   Lists the accounts of the given $roles (all of them: poster,amplifier,other).
// parameters:
//   collections: {type: "list[string]", default: null, description: "only interactions of these collections"}
//   since: {type: datetime, default: null, description: "only interactions at or after this time"}
//   until: {type: datetime, default: null, description: "only interactions before this time"}
//   relative_score: {type: float, default: 0.1, description: "share of the highest HITS score in its community a poster or amplifier needs"}
//   min_amplifiers: {type: int, default: 20, description: "fewest distinct amplifiers of a poster"}
//   min_amplified: {type: int, default: 2, description: "fewest distinct accounts an amplifier amplified"}
//   hits_iterations: {type: int, default: 20, description: "HITS iterations"}
//   algorithm: {type: string, default: leiden, description: "leiden or louvain (modularity both; Leiden refines Louvain's communities)"}
//   concurrency: {type: int, default: 1, description: "GDS threads of the projections and of Leiden or Louvain; with one, they give the same communities on every run"}
//   hits_concurrency: {type: int, default: 4, description: "GDS threads of HITS (at most 4 in GDS Community; the Cypher only: infoops run computes HITS in Python); scores are kept to 9 significant digits, which hides the last bits threads vary from run to run"}
//   roles: {type: "list[string]", default: [poster, amplifier], description: "roles of the accounts listed"}
// columns: [screen_name, account_id, community, hub, authority, role, modularity]
// engine: infoops.analysis.hits:communities
// requires_gds: true

// An earlier run's results go first. Roles always (a few accounts); community, hub and
// authority only when the scope or the data changed since the last run: the same input
// projects the same accounts, and this run overwrites every value that run wrote.
CALL apoc.util.validate(NOT $algorithm IN ['leiden', 'louvain'],
                        'algorithm must be leiden or louvain, not %s', [$algorithm])
OPTIONAL MATCH (last:Analysis {name: 'communities'})
WITH last IS NOT NULL
     AND coalesce(last.algorithm, 'louvain') = $algorithm
     AND coalesce(last.collections, []) = coalesce($collections, [])
     AND coalesce(last.since, '') = coalesce($since, '')
     AND coalesce(last.until, '') = coalesce($until, '')
     AND last.accounts = COUNT { (:Account) }
     AND last.interactions = COUNT { ()-[:RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED]->() }
     AS same_input
// The accounts with a role (a few thousand) through their index, not a scan of every account.
CALL (same_input) {
  MATCH (a:Account)
  WHERE a.role IS NOT NULL
  RETURN a
  UNION
  WITH same_input WHERE NOT same_input
  MATCH (a:Account)
  WHERE a.community IS NOT NULL OR a.hub IS NOT NULL OR a.authority IS NOT NULL
  RETURN a
}
CALL (a, same_input) {
  REMOVE a.role
  WITH a WHERE NOT same_input
  REMOVE a.community, a.hub, a.authority
} IN TRANSACTIONS OF 10000 ROWS;

// Louvain on the undirected weighted interaction graph. Each projection is named uniquely and
// dropped before the statement returns, so concurrent runs do not collide.
WITH 'infoops-interactions-' + randomUUID() AS graph_name
CALL (graph_name) {
  // Unscoped, the derived edges are projected natively: each type undirected, its counts
  // summed; Louvain adds up the parallel relationships of the five types. Only the types the
  // database has: GDS refuses a type it does not know, and a collection may have none of
  // some (a v1.1 capture has no likes, so no LIKED_POST_OF; a users file alone, none).
  WITH graph_name
  WHERE $collections IS NULL AND $since IS NULL AND $until IS NULL
  WITH graph_name, COLLECT { CALL db.relationshipTypes() YIELD relationshipType
                             RETURN relationshipType } AS known
  WITH graph_name,
       [type IN ['RETWEETED', 'LIKED_POST_OF', 'REPLIED_TO', 'MENTIONED', 'QUOTED']
        WHERE type IN known] AS types
  OPTIONAL CALL (graph_name, types) {
    WITH graph_name, types WHERE size(types) > 0
    CALL gds.graph.project(graph_name, 'Account',
      apoc.map.fromPairs([type IN types |
        [type, {type: type, orientation: 'UNDIRECTED', aggregation: 'SUM',
                properties: {weight: {property: 'count', aggregation: 'SUM'}}}]]),
      {readConcurrency: $concurrency})
    YIELD graphName
    RETURN graphName
  }
  RETURN graphName
  UNION
  WITH graph_name
  WHERE $collections IS NOT NULL OR $since IS NOT NULL OR $until IS NOT NULL
  CALL (graph_name) {
    MATCH (a:Account)-[:POSTED]->(p:Post)-[:RETWEET_OF|REPLY_TO|QUOTES]->(:Post)<-[:POSTED]-(b:Account)
    WHERE a <> b
      AND ($collections IS NULL OR any(c IN p.collections WHERE c IN $collections))
      AND ($since IS NULL OR p.created_at >= datetime($since))
      AND ($until IS NULL OR p.created_at < datetime($until))
    RETURN a, b
    UNION ALL
    MATCH (a:Account)-[:POSTED]->(p:Post)-[:MENTIONS]->(b:Account)
    WHERE a <> b
      AND ($collections IS NULL OR any(c IN p.collections WHERE c IN $collections))
      AND ($since IS NULL OR p.created_at >= datetime($since))
      AND ($until IS NULL OR p.created_at < datetime($until))
    RETURN a, b
    UNION ALL
    MATCH (a:Account)-[liked:LIKED]->(q:Post)<-[:POSTED]-(b:Account)
    WITH a, b, q, coalesce(liked.at, q.created_at) AS at
    WHERE a <> b
      AND ($collections IS NULL OR any(c IN q.collections WHERE c IN $collections))
      AND ($since IS NULL OR at >= datetime($since))
      AND ($until IS NULL OR at < datetime($until))
    RETURN a, b
  }
  // One undirected relationship per pair, whichever way the interactions went.
  WITH graph_name, CASE WHEN elementId(a) < elementId(b) THEN a ELSE b END AS x,
       CASE WHEN elementId(a) < elementId(b) THEN b ELSE a END AS y
  WITH graph_name, x, y, count(*) AS weight
  WITH gds.graph.project(graph_name, x, y, {relationshipProperties: {weight: weight}},
                         {undirectedRelationshipTypes: ['*'], readConcurrency: $concurrency})
       AS projection
  RETURN projection.graphName AS graphName
}
// Singletons are the accounts without interactions (native projection): no community.
CALL (graphName) {
  WITH graphName WHERE graphName IS NOT NULL AND $algorithm = 'leiden'
  CALL gds.leiden.write(graphName, {relationshipWeightProperty: 'weight',
                                    writeProperty: 'community', minCommunitySize: 2,
                                    concurrency: $concurrency, randomSeed: 42})
  YIELD modularity
  RETURN modularity
  UNION
  WITH graphName WHERE graphName IS NOT NULL AND $algorithm = 'louvain'
  CALL gds.louvain.write(graphName, {relationshipWeightProperty: 'weight',
                                     writeProperty: 'community', minCommunitySize: 2,
                                     concurrency: $concurrency})
  YIELD modularity
  RETURN modularity
}
CALL (graphName) {
  WITH graphName WHERE graphName IS NOT NULL
  CALL gds.graph.drop(graphName) YIELD graphName AS dropped
  RETURN count(dropped) AS dropped
}
MERGE (run:Analysis {name: 'communities'})
SET run.modularity = modularity, run.ran_at = datetime(), run.collections = $collections,
    run.algorithm = $algorithm,
    run.since = $since, run.until = $until, run.accounts = COUNT { (:Account) },
    run.interactions = COUNT { ()-[:RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED]->() }
RETURN modularity;

// HITS on the directed amplification graph, and a role from the scores and degrees.
WITH 'infoops-amplification-' + randomUUID() AS graph_name
CALL (graph_name) {
  WITH 1 AS unscoped
  WHERE $collections IS NULL AND $since IS NULL AND $until IS NULL
  // (The derived edges join accounts only: no label check on the far end.) A pair with both
  // edges comes twice: deduplicated here, not by a UNION over every branch, which made HITS's
  // statement take 2 s longer at 1M.
  MATCH (amplifier:Account)-[:RETWEETED|LIKED_POST_OF]->(poster)
  RETURN DISTINCT amplifier, poster
  UNION ALL
  WITH 1 AS scoped
  WHERE $collections IS NOT NULL OR $since IS NOT NULL OR $until IS NOT NULL
  CALL () {
    MATCH (amplifier:Account)-[:POSTED]->(retweet:Post)-[:RETWEET_OF]->(:Post)<-[:POSTED]-(poster:Account)
    WHERE amplifier <> poster
      AND ($collections IS NULL OR any(c IN retweet.collections WHERE c IN $collections))
      AND ($since IS NULL OR retweet.created_at >= datetime($since))
      AND ($until IS NULL OR retweet.created_at < datetime($until))
    RETURN amplifier, poster
    UNION
    MATCH (amplifier:Account)-[liked:LIKED]->(post:Post)<-[:POSTED]-(poster:Account)
    WITH amplifier, poster, post, coalesce(liked.at, post.created_at) AS at
    WHERE amplifier <> poster
      AND ($collections IS NULL OR any(c IN post.collections WHERE c IN $collections))
      AND ($since IS NULL OR at >= datetime($since))
      AND ($until IS NULL OR at < datetime($until))
    RETURN amplifier, poster
  }
  RETURN amplifier, poster
}
WITH gds.graph.project(graph_name, amplifier, poster, {},
                       {inverseIndexedRelationshipTypes: ['*'], readConcurrency: $concurrency})
     AS g
// HITS once (the stream: gds.hits.mutate of GDS 2.13 stores the authority under both names).
// Scores below a millionth of the top are noise: not written, they read as 0.
CALL (g) {
  WITH g WHERE g IS NOT NULL
  CALL gds.hits.stream(g.graphName, {hitsIterations: $hits_iterations,
                                     concurrency: $hits_concurrency})
  YIELD nodeId, values
  // Threads add up a node's messages in no fixed order, so a score's last bits vary from run
  // to run (by about 1e-16 of it). Kept to 9 significant digits, the scores, the roles and
  // the order of the rows are the same on every run, unless a score lies within those bits
  // of a rounding boundary (about one score in ten million).
  WITH nodeId, [score IN [values.hub, values.auth] |
                CASE WHEN score > 0 THEN round(score, 9 - toInteger(ceil(log10(score))))
                     ELSE 0.0 END] AS rounded
  WITH collect({node: nodeId, hub: rounded[0], authority: rounded[1],
                community: gds.util.asNode(nodeId).community}) AS all_scores
  WITH all_scores, apoc.coll.max([0.0] + [s IN all_scores | s.hub]) AS top_hub,
       apoc.coll.max([0.0] + [s IN all_scores | s.authority]) AS top_authority
  UNWIND all_scores AS s
  WITH s WHERE s.hub >= 1e-6 * top_hub OR s.authority >= 1e-6 * top_authority
  // Relative to the top scores of the account's own community (see the description).
  WITH s.community AS community, collect(s) AS members
  WITH members, apoc.coll.max([0.0] + [m IN members | m.hub]) AS community_hub,
       apoc.coll.max([0.0] + [m IN members | m.authority]) AS community_authority
  UNWIND members AS s
  RETURN collect(s {.node, .hub, .authority,
                    poster: community_authority > 0
                            AND s.authority >= $relative_score * community_authority,
                    amplifier: community_hub > 0 AND s.hub >= $relative_score * community_hub})
         AS scores
}
// Distinct amplifiers of the possible posters, distinct accounts amplified by the possible
// amplifiers (the projection holds one relationship per amplifier and poster): both degrees
// are kept in the projection and read for the few accounts that need them.
CALL (g, scores) {
  WITH g, scores WHERE g IS NOT NULL
  CALL gds.degree.mutate(g.graphName, {orientation: 'REVERSE', mutateProperty: 'amplifiers',
                                       concurrency: $concurrency})
  YIELD nodePropertiesWritten
  CALL gds.degree.mutate(g.graphName, {mutateProperty: 'amplified', concurrency: $concurrency})
  YIELD nodePropertiesWritten AS written
  RETURN [score IN scores | {score: score, role: CASE
            WHEN score.poster
                 AND gds.util.nodeProperty(g.graphName, score.node, 'amplifiers') >= $min_amplifiers
              THEN 'poster'
            WHEN score.amplifier
                 AND gds.util.nodeProperty(g.graphName, score.node, 'amplified') >= $min_amplified
              THEN 'amplifier'
          END}] AS roles
}
CALL (g) {
  WITH g WHERE g IS NOT NULL
  CALL gds.graph.drop(g.graphName) YIELD graphName
  RETURN count(graphName) AS dropped
}
UNWIND roles AS scored
WITH gds.util.asNode(scored.score.node) AS account, scored.score AS score, scored.role AS role
SET account.hub = score.hub, account.authority = score.authority, account.role = role
RETURN count(account) AS scored;

// Posters and amplifiers through the index on role; the others (no role) by a scan.
MATCH (run:Analysis {name: 'communities'})
CALL () {
  MATCH (account:Account)
  WHERE account.role IN $roles
  RETURN account
  UNION ALL
  WITH 1 AS others
  WHERE 'other' IN $roles
  MATCH (account:Account)
  WHERE account.role IS NULL
  RETURN account
}
WITH run, account
WHERE account.community IS NOT NULL
RETURN account.screen_name AS screen_name, account.id AS account_id,
       account.community AS community, coalesce(account.hub, 0.0) AS hub,
       coalesce(account.authority, 0.0) AS authority, coalesce(account.role, 'other') AS role,
       run.modularity AS modularity
ORDER BY community, CASE role WHEN 'poster' THEN 0 WHEN 'amplifier' THEN 1 ELSE 2 END,
         authority DESC, hub DESC, account_id;
