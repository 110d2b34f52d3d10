// Compare two collections on the measures that separate coordinated from organic activity
// name: compare
// description: >
//   Two collections side by side (a, b, and ratio = a / b), one row per measure. An operation
//   tends to: retweet more than it writes (retweet_share); use accounts made for the occasion
//   (new_account_share: created from creation_margin_days before the collection's first post
//   to its last); have few followers (zero_follower_share, low_follower_share: at most
//   low_followers); pour its amplification onto a few posters (amplification_gini: Gini
//   coefficient of the acts each account's posts received; amplifiers_per_poster: distinct
//   accounts amplifying an amplified account, the size of its pool, and acts_per_amplifier),
//   form a few closed blocs (modularity of GDS Louvain on the collection's weighted,
//   undirected interaction graph: retweets, likes, replies, quotes and mentions); and wear
//   made-up names (random_handle_share: handles name-patterns calls 'password', a
//   handle_score of random_threshold or more, the platform's default handles left out;
//   non_latin_name_share: display names with letters of another script than Latin).
//   Organic conversations have power-law popularity too, so read the measures together and
//   against a comparable collection. Accounts count where the collection saw them; posts are
//   those seen in full, in the time window; amplification_gini is over the posters someone
//   amplified. Without since and until, a collection's measures are those its load stored on
//   its Collection node (the same numbers, computed by this pack at the end of the load)
//   until the next load or drop; other runs compute them from the posts.
// parameters:
//   collection_a: {type: string, required: true, description: "first collection"}
//   collection_b: {type: string, required: true, description: "second collection"}
//   since: {type: datetime, default: null, description: "only posts and acts from then on"}
//   until: {type: datetime, default: null, description: "only posts and acts before then"}
//   creation_margin_days: {type: int, default: 30, description: "days before the first post that still count as the collection's time for new accounts"}
//   low_followers: {type: int, default: 10, description: "most followers a low-follower account has"}
//   random_threshold: {type: float, default: 0.5, description: "handle_score from which a handle counts as password-like (name-patterns' random_threshold)"}
//   decimals: {type: int, default: 4, description: "decimals of a and b (null: as computed)"}
//   graph_name: {type: string, default: infoops-compare, description: "prefix of the GDS projections (suffixes -a and -b; one for a collection compared with itself)"}
// columns: [metric, a, b, ratio, description]
CALL gds.graph.list() YIELD graphName
WHERE graphName IN [$graph_name + '-a', $graph_name + '-b']
CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped
RETURN count(dropped) AS dropped;

// One side per collection: compare a collection with itself, and it is measured once.
UNWIND CASE WHEN $collection_a = $collection_b THEN [['-a', $collection_a]]
            ELSE [['-a', $collection_a], ['-b', $collection_b]] END AS side
WITH side[0] AS suffix, side[1] AS collection
CALL (suffix, collection) {
  // Measured at load time: the collection's measures with since and until unset, stored on
  // its Collection node (as measure_<metric>) by the loader, which runs this pack for them;
  // a load or drop removes them from every collection whose measures it may change.
  MATCH (c:Collection {name: collection})
  WHERE $since IS NULL AND $until IS NULL
    AND c.measures_creation_margin_days = $creation_margin_days
    AND c.measures_low_followers = $low_followers
    AND c.measures_random_threshold = $random_threshold
  RETURN properties(c) AS measures, 'measure_' AS prefix
  UNION ALL
  WITH suffix, collection
  WHERE NOT EXISTS {
    MATCH (c:Collection {name: collection})
    WHERE $since IS NULL AND $until IS NULL
      AND c.measures_creation_margin_days = $creation_margin_days
      AND c.measures_low_followers = $low_followers
      AND c.measures_random_threshold = $random_threshold
  }
  CALL (collection) {
    MATCH (p:Post)
    WHERE collection IN p.collections AND p.seen AND p.created_at IS NOT NULL
      AND ($since IS NULL OR p.created_at >= datetime($since))
      AND ($until IS NULL OR p.created_at < datetime($until))
    RETURN count(p) AS posts, count(CASE WHEN p.kind = 'retweet' THEN 1 END) AS retweets,
           min(p.created_at) AS first_post, max(p.created_at) AS last_post
  }
  CALL (collection, first_post, last_post) {
    MATCH (a:Account)
    WHERE collection IN a.collections
    RETURN count(a) AS accounts,
           count(a.created_at) AS dated,
           count(CASE WHEN a.created_at >= first_post - duration({days: $creation_margin_days})
                       AND a.created_at <= last_post THEN 1 END) AS new_accounts,
           count(a.followers) AS with_followers,
           count(CASE WHEN a.followers = 0 THEN 1 END) AS zero_followers,
           count(CASE WHEN a.followers <= $low_followers THEN 1 END) AS low_followers,
           count(a.screen_name) AS handles,
           // The loader's name scores (infoops.analysis.names, as name-patterns reads them):
           // a 'password' handle, and the script of the display name's letters.
           count(CASE WHEN a.handle_score >= $random_threshold AND a.handle_kind <> 'default'
                      THEN 1 END) AS random_handles,
           count(CASE WHEN a.name_script <> 'none' THEN 1 END) AS named,
           count(CASE WHEN NOT a.name_script IN ['Latin', 'none'] THEN 1 END) AS non_latin
  }
  CALL (suffix, collection) {
    // The interaction graph: every act of the collection (a retweet, reply, quote, like or
    // mention), from its author to the author of what it acts on; all but mentions amplify.
    // GDS numbers the nodes in the order they come, and Louvain's result depends on that
    // order: in key order (the sources, and each one's targets), the same graph gives the
    // same modularity in any store (bulk or incremental, before and after a reload). One
    // source at a time: its targets are counted in a small table, not in one of all pairs.
    MATCH (source:Account)
    WITH source ORDER BY source.key
    CALL (source, collection) {
      CALL (source, collection) {
        MATCH (source)-[:POSTED]->(act:Post)-[:RETWEET_OF|REPLY_TO|QUOTES]->(:Post)
              <-[:POSTED]-(target:Account)
        WHERE collection IN act.collections
          AND ($since IS NULL OR act.created_at >= datetime($since))
          AND ($until IS NULL OR act.created_at < datetime($until))
        RETURN target, 1 AS amplifies
        UNION ALL
        MATCH (source)-[liked:LIKED]->(post:Post)<-[:POSTED]-(target:Account)
        WHERE collection IN post.collections
          AND ($since IS NULL OR coalesce(liked.at, post.created_at) >= datetime($since))
          AND ($until IS NULL OR coalesce(liked.at, post.created_at) < datetime($until))
        RETURN target, 1 AS amplifies
        UNION ALL
        MATCH (source)-[:POSTED]->(act:Post)-[:MENTIONS]->(target:Account)
        WHERE collection IN act.collections
          AND ($since IS NULL OR act.created_at >= datetime($since))
          AND ($until IS NULL OR act.created_at < datetime($until))
        RETURN target, 0 AS amplifies
      }
      WITH target, count(*) AS weight, sum(amplifies) AS acts
      WHERE target <> source
      RETURN target, weight, acts ORDER BY target.key
    }
    WITH gds.graph.project($graph_name + suffix, source, target,
                           {relationshipProperties: {weight: toFloat(weight)}},
                           {undirectedRelationshipTypes: ['*']}) AS projected,
         collect(CASE WHEN acts > 0 THEN [target, acts] END) AS amplified
    // The amplification each amplified poster (an account that wrote a post of the
    // collection) received: acts, and the distinct accounts that acted (its pool).
    CALL (amplified, collection) {
      UNWIND amplified AS pair
      WITH pair[0] AS poster, sum(pair[1]) AS received, count(*) AS amplifiers
      WHERE EXISTS {
        MATCH (poster)-[:POSTED]->(p:Post)
        WHERE collection IN p.collections AND p.seen AND p.kind <> 'retweet'
          AND ($since IS NULL OR p.created_at >= datetime($since))
          AND ($until IS NULL OR p.created_at < datetime($until))
      }
      WITH received, amplifiers ORDER BY received
      RETURN collect(received) AS received, collect(amplifiers) AS pools
    }
    // Gini of the received acts, in ascending order
    WITH received, pools, size(received) AS n,
         toFloat(reduce(s = 0, x IN received | s + x)) AS total
    RETURN CASE WHEN total = 0 THEN null
                ELSE reduce(g = 0.0, i IN range(0, n - 1) | g + (2 * i - n + 1) * received[i])
                     / (n * total) END AS gini,
           CASE WHEN size(pools) = 0 THEN null
                ELSE toFloat(reduce(s = 0, x IN pools | s + x)) / size(pools) END
             AS amplifiers_per_poster,
           total AS acts
  }
  CALL (collection) {
    MATCH (amplifier:Account)
    WHERE collection IN amplifier.collections
      AND (EXISTS { (amplifier)-[:POSTED]->(act:Post)-[:RETWEET_OF|REPLY_TO|QUOTES]->()
                    WHERE collection IN act.collections }
           OR EXISTS { (amplifier)-[:LIKED]->(liked:Post) WHERE collection IN liked.collections })
    RETURN count(amplifier) AS amplifying_accounts
  }
  OPTIONAL CALL (suffix) {
    CALL gds.graph.exists($graph_name + suffix) YIELD exists
    WITH exists WHERE exists
    // one thread: the same graph gives the same modularity every time
    CALL gds.louvain.stats($graph_name + suffix,
                           {relationshipWeightProperty: 'weight', concurrency: 1})
    YIELD modularity
    RETURN modularity
  }
  RETURN {
    posts: posts, accounts: accounts,
    retweet_share: CASE WHEN posts > 0 THEN toFloat(retweets) / posts END,
    new_account_share: CASE WHEN dated > 0 THEN toFloat(new_accounts) / dated END,
    zero_follower_share:
      CASE WHEN with_followers > 0 THEN toFloat(zero_followers) / with_followers END,
    low_follower_share:
      CASE WHEN with_followers > 0 THEN toFloat(low_followers) / with_followers END,
    amplification_gini: gini,
    amplifiers_per_poster: amplifiers_per_poster,
    acts_per_amplifier: CASE WHEN amplifying_accounts > 0 THEN acts / amplifying_accounts END,
    modularity: modularity,
    random_handle_share: CASE WHEN handles > 0 THEN toFloat(random_handles) / handles END,
    non_latin_name_share: CASE WHEN named > 0 THEN toFloat(non_latin) / named END
  } AS measures, '' AS prefix
}
WITH collect({collection: collection, measures: measures, prefix: prefix}) AS sides
CALL () {
  CALL gds.graph.list() YIELD graphName
  WHERE graphName IN [$graph_name + '-a', $graph_name + '-b']
  CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped
  RETURN count(dropped) AS dropped
}
UNWIND [
  ['posts', 'posts seen in full'],
  ['accounts', 'accounts seen'],
  ['retweet_share', 'share of posts that are retweets'],
  ['new_account_share', 'share of dated accounts created around the collection time'],
  ['zero_follower_share', 'share of accounts with no followers'],
  ['low_follower_share', 'share of accounts with at most low_followers followers'],
  ['amplification_gini', 'Gini of amplification received per posting account'],
  ['amplifiers_per_poster', 'mean distinct amplifiers of an amplified account'],
  ['acts_per_amplifier', 'mean amplification acts per amplifying account'],
  ['modularity', 'Louvain modularity of the interaction graph'],
  ['random_handle_share', 'share of password-like handles'],
  ['non_latin_name_share', 'share of display names with non-Latin letters']
] AS measure
WITH measure[0] AS metric, measure[1] AS description,
     [side IN sides WHERE side.collection = $collection_a][0] AS side_a,
     [side IN sides WHERE side.collection = $collection_b][0] AS side_b
WITH metric, description, side_a.measures[side_a.prefix + metric] AS a,
     side_b.measures[side_b.prefix + metric] AS b
RETURN metric,
       CASE WHEN a IS NULL OR $decimals IS NULL THEN a ELSE round(a, $decimals) END AS a,
       CASE WHEN b IS NULL OR $decimals IS NULL THEN b ELSE round(b, $decimals) END AS b,
       CASE WHEN a IS NULL OR b IS NULL OR b = 0 THEN null ELSE round(toFloat(a) / b, 3) END
         AS ratio,
       description;
