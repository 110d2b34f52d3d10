// Creation bursts: days on which unusually many accounts of the network were created
// name: creation-bursts
// description: >
//   The network is every account that retweeted, liked, replied to, quoted or mentioned
//   another, or was retweeted, liked, replied to, quoted or mentioned, in scope. Its accounts
//   are counted by UTC creation day, with every day from the first to the last creation day
//   (days without creations count as zero). Each day is compared with the $baseline_days days
//   before it: baseline is their median, spread 1.4826 times their median absolute deviation,
//   but never less than the Poisson noise of the baseline (sqrt(baseline)) nor than one account,
//   so the many zero days of a sparse history do not make every creation look like a burst.
//   z_score = (accounts_created - baseline) / spread. A day is flagged when its z_score is at
//   least $min_z and at least $min_accounts accounts were created on it; the bar is high
//   because a few creations a day are Poisson counts, whose tail is heavier than a normal z
//   suggests (at a baseline of 0 to 3 a day, a day that clears it happens by chance less
//   than once in 100,000 days). Medians ignore a few
//   burst days in the trailing window, so consecutive burst days are all flagged. Days with
//   creations are listed (only flagged ones with flagged_only), in date order.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only interactions of these collections"}
//   since: {type: datetime, default: null, description: "only interactions at or after this time"}
//   until: {type: datetime, default: null, description: "only interactions before this time"}
//   baseline_days: {type: int, default: 28, description: "trailing days that set a day's baseline"}
//   min_z: {type: float, default: 7.0, description: "smallest robust z-score of a flagged day"}
//   min_accounts: {type: int, default: 8, description: "fewest creations on a flagged day"}
//   flagged_only: {type: bool, default: false, description: "list flagged days only"}
// columns: [day, accounts_created, baseline, spread, z_score, flagged]
CALL () {
  WITH 1 AS unscoped
  WHERE $collections IS NULL AND $since IS NULL AND $until IS NULL
  MATCH (account:Account)
  WHERE account.created_at IS NOT NULL
    // (the account-level edges join accounts only: no label check on the other end)
    AND EXISTS { (account)-[:RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED]-() }
  RETURN date(account.created_at) AS day, count(*) AS created
  UNION ALL
  // Each branch counts its accounts by day itself, so only days pass the UNION ALL, not
  // 166,754 accounts at 1M; scoped, an account of several acts comes once (the inner UNION).
  WITH 1 AS scoped
  WHERE $collections IS NOT NULL OR $since IS NOT NULL OR $until IS NOT NULL
  CALL () {
    MATCH (a:Account)-[:POSTED]->(p:Post)-[:RETWEET_OF|REPLY_TO|QUOTES]->(:Post)<-[:POSTED]-(b:Account)
    WHERE a <> b
      AND ($collections IS NULL OR any(c IN p.collections WHERE c IN $collections))
      AND ($since IS NULL OR p.created_at >= datetime($since))
      AND ($until IS NULL OR p.created_at < datetime($until))
    UNWIND [a, b] AS account
    RETURN account
    UNION
    MATCH (a:Account)-[:POSTED]->(p:Post)-[:MENTIONS]->(b:Account)
    WHERE a <> b
      AND ($collections IS NULL OR any(c IN p.collections WHERE c IN $collections))
      AND ($since IS NULL OR p.created_at >= datetime($since))
      AND ($until IS NULL OR p.created_at < datetime($until))
    UNWIND [a, b] AS account
    RETURN account
    UNION
    MATCH (a:Account)-[liked:LIKED]->(q:Post)<-[:POSTED]-(b:Account)
    WITH a, b, q, coalesce(liked.at, q.created_at) AS at
    WHERE a <> b
      AND ($collections IS NULL OR any(c IN q.collections WHERE c IN $collections))
      AND ($since IS NULL OR at >= datetime($since))
      AND ($until IS NULL OR at < datetime($until))
    UNWIND [a, b] AS account
    RETURN account
  }
  WITH account WHERE account.created_at IS NOT NULL
  RETURN date(account.created_at) AS day, count(*) AS created
}
WITH collect([toString(day), created]) AS pairs, min(day) AS first_day, max(day) AS last_day
WHERE first_day IS NOT NULL
WITH apoc.map.fromPairs(pairs) AS created_on, first_day,
     [offset IN range(0, duration.inDays(first_day, last_day).days) |
       first_day + duration({days: offset})] AS days
WITH days, [day IN days | coalesce(created_on[toString(day)], 0)] AS counts
UNWIND range(0, size(days) - 1) AS i
WITH days[i] AS day, counts[i] AS accounts_created,
     apoc.coll.sort(counts[CASE WHEN i > $baseline_days THEN i - $baseline_days ELSE 0 END..i])
       AS trailing
WHERE accounts_created > 0
// Median of the trailing days (0 before the first day), then their median absolute deviation.
WITH day, accounts_created, trailing,
     CASE size(trailing) WHEN 0 THEN 0.0
          ELSE (trailing[(size(trailing) - 1) / 2] + trailing[size(trailing) / 2]) / 2.0 END
       AS baseline
WITH day, accounts_created, baseline,
     apoc.coll.sort([n IN trailing | abs(n - baseline)]) AS deviations
WITH day, accounts_created, baseline,
     CASE size(deviations) WHEN 0 THEN 0.0
          ELSE (deviations[(size(deviations) - 1) / 2] + deviations[size(deviations) / 2]) / 2.0 END
       AS mad
WITH day, accounts_created, baseline,
     // the largest of the three (CASE: apoc.coll.max runs a query of its own each row)
     reduce(top = 1.0, x IN [1.4826 * mad, sqrt(baseline)] | CASE WHEN x > top THEN x ELSE top END)
       AS spread
WITH day, accounts_created, baseline, spread, (accounts_created - baseline) / spread AS z_score
WITH day, accounts_created, baseline, spread, z_score,
     z_score >= $min_z AND accounts_created >= $min_accounts AS flagged
WHERE flagged OR NOT $flagged_only
RETURN day, accounts_created, baseline, round(spread, 3) AS spread, round(z_score, 2) AS z_score,
       flagged
ORDER BY day;
