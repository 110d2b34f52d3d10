// Great retweet: low-follower posters amplified out of all proportion
// name: great-retweet
// description: >
//   Poster/amplifier stars. For every account whose posts were retweeted or liked by at least
//   $min_amplifiers distinct accounts: the amplification its posts got per post, relative to its
//   followers (amplification_ratio = (retweets + likes) / posts / (followers + 1)); the share of
//   its amplifiers that also amplified some other account (pool_reuse: pools are reused across
//   posters, a one-off fan is not); and how old the account was when its first amplified post
//   appeared. score = log10(1 + amplification_ratio) * youth * (0.5 + pool_reuse / 2), with
//   youth = 1 / (1 + age_days / $age_scale_days) (0.5 when the creation date is unknown).
//   A popular organic account has a large following, so its ratio stays small however much
//   engagement it gets. Ranked most suspicious first. Scoped by the retweet's collections and
//   time, or the liked post's collections and the like's time; unscoped runs read the
//   amplification statistics the loader derives on each account, which are the same numbers. (A stub post's time, its
//   first retweet or like, is taken over all of them.)
// parameters:
//   collections: {type: "list[string]", default: null, description: "only interactions of these collections"}
//   since: {type: datetime, default: null, description: "only interactions at or after this time"}
//   until: {type: datetime, default: null, description: "only interactions before this time"}
//   min_amplifiers: {type: int, default: 20, description: "fewest distinct amplifiers for a poster to be listed"}
//   age_scale_days: {type: float, default: 365.0, description: "account age (days) at which youth is 0.5"}
// columns: [screen_name, account_id, platform, followers, following, created_at, posts, amplifiers, retweets_received, likes_received, amplification_ratio, pool_reuse, age_days, score]
CALL () {
  // Unscoped: the amplification statistics that loading derives on every amplified account
  // (derive-amplification: the same numbers, from the derived edges and the posts), found
  // through their index.
  WITH 1 AS unscoped
  WHERE $collections IS NULL AND $since IS NULL AND $until IS NULL
  MATCH (poster:Account)
  WHERE poster.amplifiers >= $min_amplifiers
  RETURN poster, poster.amplifiers AS amplifiers, poster.retweets_received AS retweets_received,
         poster.likes_received AS likes_received,
         toFloat(poster.amplifiers_reused) / poster.amplifiers AS pool_reuse,
         poster.amplified_posts AS posts, poster.first_amplified_at AS first_posted_at
  UNION ALL
  // Scoped: every interaction in scope, from the posts.
  WITH 1 AS scoped
  WHERE $collections IS NOT NULL OR $since IS NOT NULL OR $until IS NOT NULL
  CALL () {
    MATCH (amplifier:Account)-[:POSTED]->(retweet:Post)-[:RETWEET_OF]->(:Post)<-[:POSTED]-(poster:Account)
    WHERE amplifier <> poster
      AND ($collections IS NULL OR any(c IN retweet.collections WHERE c IN $collections))
      AND ($since IS NULL OR retweet.created_at >= datetime($since))
      AND ($until IS NULL OR retweet.created_at < datetime($until))
    RETURN poster, amplifier, 1 AS retweets, 0 AS likes
    UNION ALL
    MATCH (amplifier:Account)-[liked:LIKED]->(post:Post)<-[:POSTED]-(poster:Account)
    WITH amplifier, poster, post, coalesce(liked.at, post.created_at) AS at
    WHERE amplifier <> poster
      AND ($collections IS NULL OR any(c IN post.collections WHERE c IN $collections))
      AND ($since IS NULL OR at >= datetime($since))
      AND ($until IS NULL OR at < datetime($until))
    RETURN poster, amplifier, 0 AS retweets, 1 AS likes
  }
  WITH poster, amplifier, sum(retweets) AS retweets, sum(likes) AS likes
  // An amplifier that amplified more than one account in scope is reused.
  WITH amplifier, collect({poster: poster, retweets: retweets, likes: likes}) AS amplified
  UNWIND amplified AS item
  WITH item.poster AS poster, amplifier, item.retweets AS retweets, item.likes AS likes,
       size(amplified) > 1 AS reused
  WITH poster, count(*) AS amplifiers, sum(retweets) AS retweets_received,
       sum(likes) AS likes_received, avg(CASE WHEN reused THEN 1.0 ELSE 0.0 END) AS pool_reuse
  WHERE amplifiers >= $min_amplifiers
  // The poster's amplified posts in scope; a post seen only as a stub has no time of its own,
  // so its first interaction stands in for it.
  CALL (poster) {
    MATCH (poster)-[:POSTED]->(post:Post)
    WHERE EXISTS {
            MATCH (post)<-[:RETWEET_OF]-(retweet:Post)<-[:POSTED]-(amplifier:Account)
            WHERE amplifier <> poster
              AND ($collections IS NULL OR any(c IN retweet.collections WHERE c IN $collections))
              AND ($since IS NULL OR retweet.created_at >= datetime($since))
              AND ($until IS NULL OR retweet.created_at < datetime($until))
          }
       OR EXISTS {
            MATCH (post)<-[liked:LIKED]-(amplifier:Account)
            WHERE amplifier <> poster
              AND ($collections IS NULL OR any(c IN post.collections WHERE c IN $collections))
              AND ($since IS NULL OR coalesce(liked.at, post.created_at) >= datetime($since))
              AND ($until IS NULL OR coalesce(liked.at, post.created_at) < datetime($until))
          }
    RETURN count(post) AS posts,
           min(CASE WHEN post.created_at IS NOT NULL THEN post.created_at
                    ELSE apoc.coll.min(
                      COLLECT { MATCH (post)<-[:RETWEET_OF]-(r:Post) RETURN r.created_at }
                      + COLLECT { MATCH (post)<-[l:LIKED]-() RETURN l.at }) END) AS first_posted_at
  }
  RETURN poster, amplifiers, retweets_received, likes_received, pool_reuse, posts,
         first_posted_at
}
WITH poster, amplifiers, retweets_received, likes_received, pool_reuse, posts,
     toFloat(retweets_received + likes_received) / CASE WHEN posts > 1 THEN posts ELSE 1 END
       / (coalesce(poster.followers, 0) + 1) AS amplification_ratio,
     CASE WHEN poster.created_at IS NULL OR first_posted_at IS NULL THEN null
          ELSE duration.inSeconds(poster.created_at, first_posted_at).seconds / 86400.0 END
       AS age_days
WITH poster, amplifiers, retweets_received, likes_received, pool_reuse, posts,
     amplification_ratio, age_days,
     CASE WHEN age_days IS NULL THEN 0.5
          ELSE 1.0 / (1.0 + CASE WHEN age_days > 0.0 THEN age_days ELSE 0.0 END / $age_scale_days)
     END AS youth
RETURN poster.screen_name AS screen_name, poster.id AS account_id, poster.platform AS platform,
       poster.followers AS followers, poster.following AS following,
       poster.created_at AS created_at, posts, amplifiers, retweets_received, likes_received,
       round(amplification_ratio, 4) AS amplification_ratio, round(pool_reuse, 3) AS pool_reuse,
       round(age_days, 1) AS age_days,
       round(log10(1 + amplification_ratio) * youth * (0.5 + pool_reuse / 2), 4) AS score
ORDER BY score DESC, amplifiers DESC, account_id;
