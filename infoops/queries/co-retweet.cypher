// Co-retweet: accounts that retweet the same posts at the same time
// name: co-retweet
// description: >
//   The co-retweet network of coordination-network-toolkit (`compute co_retweet`), edge for
//   edge. Two retweets of the same post by different accounts co-occur when their times (whole
//   seconds) are at most $time_window seconds apart, inclusive. The edge from account_a to
//   account_b weighs the number of distinct retweets of account_a that co-occur with a retweet of
//   account_b (one per retweeted post, as a post is retweeted once per account); edges lighter
//   than $min_edge_weight are dropped, and an account is never paired with itself. Edges are
//   ordered pairs, as in the toolkit: a->b and b->a are both listed (their weights differ only
//   when an account retweeted the same post more than once). Bounded for viral posts: only the
//   first $max_retweets_per_post retweets of each post are considered, and retweets are paired
//   only within adjacent time buckets one window wide, so the work grows with the retweets that
//   fall inside a window, not with the square of a post's retweets; posts are paired one at a
//   time, so memory holds the pairs of one post and the edge counts (one entry per pair of
//   accounts, both directions: about 0.6 GB for the 3.1M pairs of 1M interactions).
//   infoops itself (`infoops run`, cases, reports) runs the engine below instead: it fetches
//   each post's retweets and pairs them with numpy, with the same result (a test compares
//   them), many times sooner. This Cypher is for Neo4j Browser.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only retweets of these collections"}
//   since: {type: datetime, default: null, description: "only retweets at or after this time"}
//   until: {type: datetime, default: null, description: "only retweets before this time"}
//   time_window: {type: int, default: 60, description: "seconds between two retweets of a post, inclusive"}
//   min_edge_weight: {type: int, default: 2, description: "lightest edge listed"}
//   max_retweets_per_post: {type: int, default: 50000, description: "earliest retweets of a post considered"}
// columns: [account_a, account_b, account_a_id, account_b_id, weight]
// engine: infoops.analysis.coordination:co_retweet

// Retweeted posts, one at a time: memory holds the retweets and pairs of one post, and the
// edge counts. (A post retweeted once pairs nothing.)
MATCH ()-[:RETWEET_OF]->(original:Post)
WITH original, count(*) AS retweeted
WHERE retweeted > 1
CALL (original, retweeted) {
  // The earliest retweets in scope, in time order (ties by key, read only when the cap may
  // cut them). POSTED and RETWEET_OF join accounts and posts only: no label checks.
  MATCH (account)-[:POSTED]->(retweet)-[:RETWEET_OF]->(original)
  WHERE retweet.created_at IS NOT NULL
    AND ($collections IS NULL OR any(c IN retweet.collections WHERE c IN $collections))
    AND ($since IS NULL OR retweet.created_at >= datetime($since))
    AND ($until IS NULL OR retweet.created_at < datetime($until))
  WITH account, retweet, retweet.created_at.epochSeconds AS t
  ORDER BY t, CASE WHEN retweeted > $max_retweets_per_post THEN retweet.key END
  LIMIT $max_retweets_per_post
  WITH collect({account: account, id: elementId(account), retweet: retweet, t: t,
                bucket: t / CASE WHEN $time_window > 1 THEN $time_window ELSE 1 END}) AS items
  WHERE size(items) > 1
  // Time buckets one window wide: a retweet's partners later in the list lie in its own
  // bucket or the next, so they end at the last retweet of the next bucket (or of its own).
  WITH items, apoc.map.fromPairs([i IN range(0, size(items) - 1) |
                                  [toString(items[i].bucket), i]]) AS last_of
  UNWIND range(0, size(items) - 2) AS i
  WITH items, last_of, items[i] AS x, i
  WITH x, [y IN items[i + 1..coalesce(last_of[toString(x.bucket + 1)],
                                      last_of[toString(x.bucket)]) + 1]
           WHERE y.t - x.t <= $time_window AND y.account <> x.account] AS partners
  UNWIND partners AS y
  // Each pair of accounts once, in a fixed order, with the distinct retweets of either side
  // that co-occur with one of the other's (one each, unless an account retweeted the post
  // more than once).
  WITH CASE WHEN x.id < y.id THEN [x, y] ELSE [y, x] END AS pair
  WITH pair[0].account AS first, pair[1].account AS second,
       count(DISTINCT pair[0].retweet) AS first_weight,
       count(DISTINCT pair[1].retweet) AS second_weight
  RETURN first, second, first_weight, second_weight
}
// Both edges of a pair, each with its weight. The two counts travel as one number (the
// first side's times 2^32 plus the other's), which keeps the table of pairs small.
WITH first, second, sum(first_weight * 4294967296 + second_weight) AS weights
UNWIND [0, 1] AS side
WITH CASE side WHEN 0 THEN first ELSE second END AS a,
     CASE side WHEN 0 THEN second ELSE first END AS b,
     CASE side WHEN 0 THEN weights / 4294967296 ELSE weights % 4294967296 END AS weight
WHERE weight >= $min_edge_weight
// Ranked by weight, then the two accounts' ids: the edges are grouped by weight and first
// account, the groups sorted, and the partners of each sorted apart (a sort of millions of
// edges would hold every one of them at once).
WITH weight, a, collect(b) AS partners
ORDER BY weight DESC, a.id
UNWIND apoc.coll.sortNodes(partners, '^id') AS b
RETURN a.screen_name AS account_a, b.screen_name AS account_b, a.id AS account_a_id,
       b.id AS account_b_id, weight;
