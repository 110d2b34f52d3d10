// Evidence: the posts and times behind the edges between two accounts
// name: evidence
// description: >
//   For two accounts (each given by screen name, with or without @, or by id; both directions),
//   every act behind the account-level edges that link them, one row per act, oldest first:
//   RETWEETED (post_id: the retweet, target_post_id: the post retweeted), LIKED_POST_OF
//   (post_id and target_post_id: the post liked; at: the time of the like when known, else of
//   the post), REPLIED_TO and QUOTED (the reply or quote and the post it answers), MENTIONED
//   (the post that mentions; no target). post_text is the acting post's text (for a like, the
//   liked post's). These are exactly the posts counted in the edges' `count`, so the rows of
//   one relation and direction number what the edge says. A name can stand for accounts on
//   several platforms: set platform.
// parameters:
//   account_a: {type: string, required: true, description: "screen name or id"}
//   account_b: {type: string, required: true, description: "screen name or id"}
//   platform: {type: string, default: null, description: "only accounts of this platform"}
//   collections: {type: "list[string]", default: null, description: "only acts (posts, liked posts) seen in these collections"}
//   since: {type: datetime, default: null, description: "only acts from then on"}
//   until: {type: datetime, default: null, description: "only acts before then"}
// columns: [relation, from_screen_name, from_account_id, to_screen_name, to_account_id, post_id, post_text, at, target_post_id]
CALL () {
  MATCH (x:Account)
  WHERE (x.id = $account_a OR x.screen_name_lower = toLower(replace($account_a, '@', '')))
    AND ($platform IS NULL OR x.platform = $platform)
  RETURN collect(x) AS named_a
}
CALL () {
  MATCH (x:Account)
  WHERE (x.id = $account_b OR x.screen_name_lower = toLower(replace($account_b, '@', '')))
    AND ($platform IS NULL OR x.platform = $platform)
  RETURN collect(x) AS named_b
}
UNWIND named_a AS a
UNWIND named_b AS b
WITH a, b WHERE a <> b
UNWIND [[a, b], [b, a]] AS direction
WITH direction[0] AS source, direction[1] AS target
CALL (source, target) {
  MATCH (source)-[:POSTED]->(act:Post)-[link:RETWEET_OF|REPLY_TO|QUOTES]->(post:Post)
        <-[:POSTED]-(target)
  RETURN CASE type(link) WHEN 'RETWEET_OF' THEN 'RETWEETED' WHEN 'REPLY_TO' THEN 'REPLIED_TO'
              ELSE 'QUOTED' END AS relation,
         act, act.created_at AS at, post.id AS target_post_id
  UNION ALL
  MATCH (source)-[liked:LIKED]->(act:Post)<-[:POSTED]-(target)
  RETURN 'LIKED_POST_OF' AS relation, act, coalesce(liked.at, act.created_at) AS at,
         act.id AS target_post_id
  UNION ALL
  MATCH (source)-[:POSTED]->(act:Post)-[:MENTIONS]->(target)
  RETURN 'MENTIONED' AS relation, act, act.created_at AS at, null AS target_post_id
}
WITH source, target, relation, act, at, target_post_id
WHERE ($collections IS NULL OR any(c IN act.collections WHERE c IN $collections))
  AND ($since IS NULL OR at >= datetime($since))
  AND ($until IS NULL OR at < datetime($until))
RETURN relation, source.screen_name AS from_screen_name, source.id AS from_account_id,
       target.screen_name AS to_screen_name, target.id AS to_account_id,
       act.id AS post_id, act.text AS post_text, at, target_post_id
ORDER BY at, relation, post_id;
