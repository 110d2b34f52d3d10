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
//   time, so memory holds the pairs of one post and the edge counts.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only retweets of these collections"}
//   since: {type: datetime, default: null, description: "only retweets at or after this time"}
//   until: {type: datetime, default: null, description: "only retweets before this time"}
//   time_window: {type: int, default: 60, description: "seconds between two retweets of a post, inclusive"}
//   min_edge_weight: {type: int, default: 2, description: "lightest edge listed"}
//   max_retweets_per_post: {type: int, default: 50000, description: "earliest retweets of a post considered"}
// columns: [account_a, account_b, account_a_id, account_b_id, weight]
MATCH (account:Account)-[:POSTED]->(retweet:Post)-[:RETWEET_OF]->(original:Post)
WHERE retweet.created_at IS NOT NULL
  AND ($collections IS NULL OR any(c IN retweet.collections WHERE c IN $collections))
  AND ($since IS NULL OR retweet.created_at >= datetime($since))
  AND ($until IS NULL OR retweet.created_at < datetime($until))
WITH original, collect({account: account, retweet: retweet, key: retweet.key,
                         t: retweet.created_at.epochSeconds}) AS retweets
// One post at a time, so only the pairs of one post are held: the earliest retweets, put in
// time buckets one window wide (two retweets within the window lie in the same bucket or in
// neighbouring ones), paired, and each retweet counted once per partner account.
CALL (retweets) {
  UNWIND apoc.coll.sortMulti(retweets, ['^t', '^key'])[..$max_retweets_per_post] AS item
  WITH item.t / apoc.coll.max([$time_window, 1]) AS bucket, collect(item) AS members
  WITH collect(bucket) AS buckets, apoc.map.fromPairs(collect([toString(bucket), members]))
       AS by_bucket
  UNWIND buckets AS bucket
  WITH by_bucket[toString(bucket)] AS here, coalesce(by_bucket[toString(bucket + 1)], []) AS next
  UNWIND range(0, size(here) - 1) AS i
  WITH here[i] AS x, here[i + 1..] + next AS later
  UNWIND later AS y
  WITH x, y
  WHERE abs(y.t - x.t) <= $time_window AND x.account <> y.account
  UNWIND [[x.account, y.account, x.retweet], [y.account, x.account, y.retweet]] AS edge
  WITH DISTINCT edge[0] AS a, edge[1] AS b, edge[2] AS retweet
  RETURN a, b
}
WITH a, b, count(*) AS weight
WHERE weight >= $min_edge_weight
RETURN a.screen_name AS account_a, b.screen_name AS account_b, a.id AS account_a_id,
       b.id AS account_b_id, weight
ORDER BY weight DESC, account_a_id, account_b_id;
