// Activity summary: a working day in one time zone, or round the clock?
// name: activity-summary
// description: >
//   The activity-hours grid of each group in a few numbers, in a chosen IANA time zone.
//   working_share: share of posts on working days between work_start and work_end (local
//   time); uniform_share: the share that window would hold if posts came round the clock.
//   weekend_share: share on the other days. hour_entropy: Shannon entropy of the posts' hour
//   of day over log(24), 1 = spread evenly round the clock, low = packed into a few hours.
//   peak_hour: the busiest local hour (the earliest of equally busy ones). pattern: 'working
//   day' when working_share reaches working_day_share, else 'round the clock' when
//   hour_entropy reaches round_the_clock, else 'concentrated'. People in one time zone are
//   active from morning to late evening, and a conversation across time zones is round the
//   clock; posts packed into office hours on working days in one time zone (Asia/Shanghai
//   for the #MilesGuo network) are a shift's work. Groups as in activity-hours (group_by:
//   all, role, or an account property). Unscoped, it reads the quarter-hour post counts the
//   loader derives for each account (fast at any size); scoped, it reads the posts.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only posts seen in these collections"}
//   since: {type: datetime, default: null, description: "only posts from then on"}
//   until: {type: datetime, default: null, description: "only posts before then"}
//   timezone: {type: string, default: UTC, description: "IANA time zone, e.g. Asia/Shanghai"}
//   group_by: {type: string, default: role, description: "all, role, or an account property such as community"}
//   poster_min_amplifiers: {type: int, default: 10, description: "for role without a role property: distinct amplifiers that make a poster"}
//   min_group_posts: {type: int, default: 20, description: "leave out groups with fewer posts"}
//   work_start: {type: int, default: 9, description: "first local hour of the working day"}
//   work_end: {type: int, default: 18, description: "local hour the working day ends (exclusive)"}
//   working_days: {type: "list[int]", default: [1, 2, 3, 4, 5], description: "ISO weekdays worked (1 = Monday)"}
//   working_day_share: {type: float, default: 0.6, description: "working_share from which the pattern is 'working day'"}
//   round_the_clock: {type: float, default: 0.9, description: "hour_entropy from which the pattern is 'round the clock'"}
// columns: [group, posts, working_share, uniform_share, weekend_share, hour_entropy, peak_hour, pattern]

// The quarter-hours (UTC, epoch seconds / 900) each account posted in, with its posts in each.
// Unscoped, they are what the loader derived (Account.activity_slots / activity_counts, kept
// exact by derive-activity); scoped, they come from the posts in scope, one post a slot. Every
// time zone's offset is a whole number of quarter-hours, so a slot has one local hour.
CALL () {
  WITH 1 AS unscoped
  WHERE $collections IS NULL AND $since IS NULL AND $until IS NULL
  MATCH (a:Account)
  WHERE a.activity_slots IS NOT NULL
  RETURN a, a.activity_slots AS slots, a.activity_counts AS counts
  UNION ALL
  WITH 1 AS scoped
  WHERE $collections IS NOT NULL OR $since IS NOT NULL OR $until IS NOT NULL
  MATCH (a:Account)-[:POSTED]->(p:Post)
  USING SCAN a:Account
  WHERE p.created_at IS NOT NULL
    AND ($collections IS NULL OR any(c IN p.collections WHERE c IN $collections))
    AND ($since IS NULL OR p.created_at >= datetime($since))
    AND ($until IS NULL OR p.created_at < datetime($until))
  RETURN a, collect(p.created_at.epochSeconds / 900) AS slots, null AS counts
}
// The role from what the loader derived: amplifiers (the distinct accounts that retweeted
// or liked its posts, derive-amplification; the degree of its RETWEETED and LIKED_POST_OF
// edges counted an account that did both twice, and cost more to read), acts_given
// (retweets and likes it gave) and posts_written (its originals, quotes and replies), zero
// when missing.
WITH slots, counts,
     CASE $group_by
       WHEN 'all' THEN 'all'
       WHEN 'role' THEN coalesce(a.role,
         CASE WHEN coalesce(a.amplifiers, 0) >= $poster_min_amplifiers
                   AND coalesce(a.acts_given, 0) < coalesce(a.amplifiers, 0)
                THEN 'poster'
              WHEN coalesce(a.acts_given, 0) > coalesce(a.posts_written, 0) THEN 'amplifier'
              ELSE 'other' END)
       ELSE coalesce(toString(a[$group_by]), 'none')
     END AS group
// Summed by slot within each group (a few groups): an integer key groups faster than a
// group and a slot together.
WITH group, collect([slots, counts]) AS accounts
CALL (accounts) {
  UNWIND accounts AS account
  UNWIND range(0, size(account[0]) - 1) AS i
  WITH account[0][i] AS slot, coalesce(account[1][i], 1) AS posts
  RETURN slot, sum(posts) AS posts
}
WITH group, datetime({epochSeconds: slot * 900, timezone: $timezone}) AS local, posts
WITH group, local.hour AS hour, posts,
     local.dayOfWeek IN $working_days AS working_day,
     $work_start <= local.hour < $work_end AS working_hour
WITH group, hour, sum(posts) AS posts,
     sum(CASE WHEN working_day AND working_hour THEN posts ELSE 0 END) AS working,
     sum(CASE WHEN NOT working_day THEN posts ELSE 0 END) AS weekend
WITH group, sum(posts) AS total, sum(working) AS working, sum(weekend) AS weekend,
     collect({hour: hour, posts: posts}) AS hours
WHERE total >= $min_group_posts
WITH group, total, working, weekend, hours,
     -reduce(h = 0.0, cell IN hours |
             h + (toFloat(cell.posts) / total) * log(toFloat(cell.posts) / total)) / log(24.0)
       AS hour_entropy,
     reduce(peak = hours[0], cell IN hours |
            CASE WHEN cell.posts > peak.posts
                       OR (cell.posts = peak.posts AND cell.hour < peak.hour)
                 THEN cell ELSE peak END) AS peak,
     toFloat(working) / total AS working_share
RETURN group, total AS posts,
       round(working_share, 4) AS working_share,
       round(toFloat(size($working_days) * ($work_end - $work_start)) / (7 * 24), 4)
         AS uniform_share,
       round(toFloat(weekend) / total, 4) AS weekend_share,
       round(hour_entropy, 4) AS hour_entropy,
       peak.hour AS peak_hour,
       CASE WHEN working_share >= $working_day_share THEN 'working day'
            WHEN hour_entropy >= $round_the_clock THEN 'round the clock'
            ELSE 'concentrated' END AS pattern
ORDER BY working_share DESC, group;
