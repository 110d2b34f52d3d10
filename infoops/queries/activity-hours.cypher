// Activity hours: hour of day × weekday profile of posting, per role or community
// name: activity-hours
// description: >
//   How a group's posts (originals, retweets, replies, quotes) spread over the week, in a
//   chosen IANA time zone: one row per group, weekday (ISO: 1 = Monday … 7 = Sunday) and local
//   hour (0-23), with the posts in that hour and their share of the group's posts. Every cell
//   of the 7 × 24 grid is listed, zeros included, so the rows draw a heat map as they are.
//   People post through the day with an evening peak and on weekends; staff of an
//   operation post in office hours on working days of their own time zone (try
//   timezone=Asia/Shanghai). activity-summary condenses the grid to a few numbers. group_by:
//   'all'; 'role' (the `role` property the communities pack writes, else: 'poster' when at
//   least poster_min_amplifiers accounts retweeted or liked its posts and it did less of
//   that itself, 'amplifier' when it retweeted or liked more posts than it wrote, 'other'),
//   or any account property, such as 'community' or 'platform' ('none' where it is missing).
//   Unscoped, it reads the quarter-hour post counts the loader derives for each account
//   (fast at any size); scoped by collections or time, it reads the posts.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only posts seen in these collections"}
//   since: {type: datetime, default: null, description: "only posts from then on"}
//   until: {type: datetime, default: null, description: "only posts before then"}
//   timezone: {type: string, default: UTC, description: "IANA time zone of the hours and weekdays, e.g. Asia/Shanghai"}
//   group_by: {type: string, default: role, description: "all, role, or an account property such as community"}
//   poster_min_amplifiers: {type: int, default: 10, description: "for role without a role property: distinct amplifiers that make a poster"}
//   min_group_posts: {type: int, default: 20, description: "leave out groups with fewer posts"}
// columns: [group, weekday, hour, posts, share]

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
WITH group, local.dayOfWeek AS weekday, local.hour AS hour, sum(posts) AS posts
WITH group, collect([weekday, hour, posts]) AS cells, sum(posts) AS total
WHERE total >= $min_group_posts
UNWIND range(1, 7) AS weekday
UNWIND range(0, 23) AS hour
WITH group, total, weekday, hour,
     coalesce(head([c IN cells WHERE c[0] = weekday AND c[1] = hour | c[2]]), 0) AS posts
RETURN group, weekday, hour, posts, round(toFloat(posts) / total, 4) AS share
ORDER BY total DESC, group, weekday, hour;
