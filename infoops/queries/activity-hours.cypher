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
// parameters:
//   collections: {type: "list[string]", default: null, description: "only posts seen in these collections"}
//   since: {type: datetime, default: null, description: "only posts from then on"}
//   until: {type: datetime, default: null, description: "only posts before then"}
//   timezone: {type: string, default: UTC, description: "IANA time zone of the hours and weekdays, e.g. Asia/Shanghai"}
//   group_by: {type: string, default: role, description: "all, role, or an account property such as community"}
//   poster_min_amplifiers: {type: int, default: 10, description: "for role without a role property: distinct amplifiers that make a poster"}
//   min_group_posts: {type: int, default: 20, description: "leave out groups with fewer posts"}
// columns: [group, weekday, hour, posts, share]

// One pass over each account's posts (accounts in store order, so their rows come grouped
// and are aggregated as they stream): the local times of its posts in scope and, when its
// role is to be worked out here, how many posts it wrote itself.
MATCH (a:Account)-[:POSTED]->(p:Post)
USING SCAN a:Account
WITH a, p, $group_by = 'role' AND a.role IS NULL AS needs_role
WITH a, needs_role,
     collect(CASE WHEN p.created_at IS NOT NULL
                   AND ($collections IS NULL OR any(c IN p.collections WHERE c IN $collections))
                   AND ($since IS NULL OR p.created_at >= datetime($since))
                   AND ($until IS NULL OR p.created_at < datetime($until))
                  THEN datetime({datetime: p.created_at, timezone: $timezone}) END) AS times,
     count(CASE WHEN needs_role AND p.kind IN ['post', 'quote', 'reply'] THEN 1 END) AS written
WHERE size(times) > 0
CALL (a, needs_role) {
  WITH a WHERE needs_role
  OPTIONAL MATCH (a)-[given:RETWEETED|LIKED_POST_OF]->()
  RETURN COUNT { (a)<-[:RETWEETED|LIKED_POST_OF]-() } AS amplifiers,
         sum(given.count) AS amplified
  UNION
  WITH a WHERE NOT needs_role
  RETURN null AS amplifiers, null AS amplified
}
WITH times,
     CASE $group_by
       WHEN 'all' THEN 'all'
       WHEN 'role' THEN coalesce(a.role,
         CASE WHEN amplifiers >= $poster_min_amplifiers AND amplified < amplifiers THEN 'poster'
              WHEN amplified > written THEN 'amplifier'
              ELSE 'other' END)
       ELSE coalesce(toString(a[$group_by]), 'none')
     END AS group
UNWIND times AS local
WITH group, local.dayOfWeek AS weekday, local.hour AS hour, count(*) AS posts
WITH group, collect([weekday, hour, posts]) AS cells, sum(posts) AS total
WHERE total >= $min_group_posts
UNWIND range(1, 7) AS weekday
UNWIND range(0, 23) AS hour
WITH group, total, weekday, hour,
     coalesce(head([c IN cells WHERE c[0] = weekday AND c[1] = hour | c[2]]), 0) AS posts
RETURN group, weekday, hour, posts, round(toFloat(posts) / total, 4) AS share
ORDER BY total DESC, group, weekday, hour;
