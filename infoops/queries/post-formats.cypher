// Post formats: do the posts of a community (or a collection) share one format?
// name: post-formats
// description: >
//   A post's format is the sequence of the kinds of part its text is made of, stored by the
//   loader (Post.format, infoops.analysis.names.post_format): running text named by its script
//   ('Han', 'Latin', 'Cyrillic', ...), 'hashtag', 'mention', 'link', 'emoji', 'newline' and
//   'bracket' (an opening square or CJK bracket: 【headline】), repeats merged. '【标题】正文 🔥 #tag
//   https://t.co/x' is 'bracket Han emoji hashtag link' whatever fills the template's slots;
//   an optional slot (a link on some posts only) makes a second format. Posts of the given
//   $kinds (retweets repeat someone else's text, so they are left out by default) are grouped
//   by the community of their author (the last `communities` run: run it first; 'no community'
//   for accounts without interactions), by collection, or all together ($group_by). For every
//   group of at least $min_posts posts: effective_formats, the number of equally common
//   formats that would spread its posts as evenly as they are spread (the inverse Simpson
//   index, 1 / the sum of the squared shares), and its $formats_per_group most common formats,
//   each with its posts and accounts, its share of the group's posts, and elsewhere_share, its
//   share of the posts in scope outside the group (a post of two collections counts in each;
//   lift = share / elsewhere_share, null when no post elsewhere has it). A template and its
//   optional slots spread a group's posts over a handful of formats, rare elsewhere;
//   conversation over dozens, and its common ones (plain text, text and a link) are as common
//   elsewhere. Groups come fewest effective formats first, then largest. screen_names: ten of
//   the accounts that used the format; example: the text of one of its posts (the first by
//   key).
// parameters:
//   collections: {type: "list[string]", default: null, description: "only posts of these collections"}
//   since: {type: datetime, default: null, description: "only posts at or after this time"}
//   until: {type: datetime, default: null, description: "only posts before this time"}
//   kinds: {type: "list[string]", default: [post, reply, quote], description: "kinds of post compared: post, reply, quote, retweet"}
//   group_by: {type: string, default: community, description: "community, collection or all"}
//   min_posts: {type: int, default: 20, description: "fewest posts of a group listed"}
//   formats_per_group: {type: int, default: 3, description: "most common formats listed per group"}
// columns: [group, group_posts, group_formats, effective_formats, format, posts, accounts, share, elsewhere_share, lift, screen_names, example]
CALL apoc.util.validate(NOT $group_by IN ['community', 'collection', 'all'],
                        'group_by must be community, collection or all, not %s', [$group_by])
// Through the (kind, format) index: every post with a text has a kind.
MATCH (p:Post)
WHERE p.kind IN $kinds AND p.format IS NOT NULL
  AND ($collections IS NULL OR any(c IN p.collections WHERE c IN $collections))
  AND ($since IS NULL OR p.created_at >= datetime($since))
  AND ($until IS NULL OR p.created_at < datetime($until))
MATCH (a:Account)-[:POSTED]->(p)
// A community is named once it is a group, not once a post.
UNWIND CASE $group_by
         WHEN 'community' THEN [a.community]
         WHEN 'collection' THEN [c IN p.collections
                                 WHERE $collections IS NULL OR c IN $collections | c]
         ELSE ['all'] END AS group
// (The example's key, not its text: texts are read for the rows listed only.)
WITH group, p.format AS format, count(*) AS posts, collect(DISTINCT a) AS authors,
     min(p.key) AS example_key
ORDER BY posts DESC, format
WITH group, format, posts, size(authors) AS accounts, example_key,
     [x IN authors[..10] | x.screen_name] AS screen_names
WITH CASE WHEN $group_by <> 'community' THEN group
          WHEN group IS NULL THEN 'no community'
          ELSE 'community ' + toString(group) END AS group,
     sum(posts) AS group_posts, count(*) AS group_formats,
     collect({format: format, posts: posts, accounts: accounts, screen_names: screen_names,
              example_key: example_key}) AS formats
WITH collect({group: group, group_posts: group_posts, group_formats: group_formats,
              formats: formats}) AS groups
// Every format's posts in all the groups (a post of two collections counts in each).
CALL (groups) {
  UNWIND groups AS g
  UNWIND g.formats AS f
  WITH f.format AS format, sum(f.posts) AS posts
  RETURN apoc.map.fromPairs(collect([format, posts])) AS totals, sum(posts) AS total_posts
}
UNWIND groups AS g
WITH g, totals, total_posts - g.group_posts AS elsewhere,
     1.0 / reduce(sum = 0.0, f IN g.formats | sum + (toFloat(f.posts) / g.group_posts) ^ 2)
       AS effective_formats
WHERE g.group_posts >= $min_posts
UNWIND g.formats[..$formats_per_group] AS f
WITH g, effective_formats, f, toFloat(f.posts) / g.group_posts AS share,
     CASE WHEN elsewhere > 0 THEN toFloat(totals[f.format] - f.posts) / elsewhere END
       AS elsewhere_share
OPTIONAL MATCH (example:Post {key: f.example_key})
RETURN g.group AS group, g.group_posts AS group_posts, g.group_formats AS group_formats,
       round(effective_formats, 2) AS effective_formats, f.format AS format,
       f.posts AS posts, f.accounts AS accounts, round(share, 4) AS share,
       round(elsewhere_share, 4) AS elsewhere_share,
       CASE WHEN elsewhere_share > 0 THEN round(share / elsewhere_share, 2) END AS lift,
       f.screen_names AS screen_names, example.text AS example
ORDER BY effective_formats, group_posts DESC, group, posts DESC, format
