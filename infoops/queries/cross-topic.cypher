// Cross-topic amplifiers: the same accounts pushing several unrelated topics
// name: cross-topic
// description: >
//   Amplifiers reused across topics. A topic is a named list of hashtags or keywords (the
//   `topics` map); a post is in a topic when its text or one of its hashtags has one of them
//   (case-insensitive; a Latin keyword as a word start: 'covid' matches #COVID19 and 'ai'
//   not 'said'; Chinese has no spaces, so a Han keyword matches anywhere). An account's
//   amplification acts are its retweets, likes, replies and quotes of other accounts' posts
//   (own posts never count, so accounts that merely write about many topics do not rank).
//   counts holds its acts per topic. co_amplifiers: the accounts that amplified at least one
//   post it amplified; shared: those of them it amplified posts with in two topics or more,
//   reuse = shared / co_amplifiers. score = reuse × log2(1 + acts). A reused pool amplifies
//   the same posts together in every topic, so its members share most of their
//   co-amplifiers across topics and act often; a person who retweets a popular post now and
//   then meets different people on each topic. Only accounts with acts in at least
//   min_topics topics are listed, most suspicious first. Each amplifier of a post is paired
//   with a sample of max_pair_amplifiers of its amplifiers (the first by account key, the
//   same in any store), which bounds the work on viral posts: a pool shows in any sample of
//   its posts' amplifiers.
// parameters:
//   collections: {type: "list[string]", default: null, description: "only acts and posts seen in these collections"}
//   since: {type: datetime, default: null, description: "only acts from then on"}
//   until: {type: datetime, default: null, description: "only acts before then"}
//   topics:
//     type: map
//     description: "topic name -> hashtags or keywords (without #)"
//     default: {"guo": ["milesguo", "guowengui", "wenguiguo", "郭文贵", "miles guo", "guo wengui",
//                       "gtv", "whistleblowermovement", "新中国联邦", "new federal state of china"],
//               "hong-kong": ["hongkong", "hong kong", "香港", "standwithhongkong", "hongkongprotests",
//                             "止暴制乱", "国安法", "nationalsecuritylaw", "national security law"],
//               "crypto": ["bitcoin", "btc", "crypto", "ethereum", "giveaway", "blockchain",
//                          "比特币", "区块链", "以太坊", "数字货币"],
//               "covid": ["covid", "coronavirus", "pandemic", "lockdown", "vaccine", "wuhan",
//                         "新冠", "抗疫", "病毒"]}
//   max_pair_amplifiers: {type: int, default: 50, description: "amplifiers of a post each of its amplifiers is paired with"}
//   min_topics: {type: int, default: 2, description: "list accounts with acts in at least this many topics"}
// columns: [screen_name, account_id, topics, topic_count, counts, acts, co_amplifiers, shared, reuse, score]
MATCH (a:Account)
WHERE a.key IS NOT NULL
  AND ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))
// In key order (the key constraint's index gives it without a sort): each post's amplifiers
// are then listed in key order, so its sample is the same in any store.
WITH a ORDER BY a.key
// (POSTED, RETWEET_OF, REPLY_TO, QUOTES and LIKED lead to posts only: no label checks.)
CALL (a) {
  MATCH (a)-[:POSTED]->(act)-[:RETWEET_OF|REPLY_TO|QUOTES]->(target)
  WHERE ($since IS NULL OR act.created_at >= datetime($since))
    AND ($until IS NULL OR act.created_at < datetime($until))
    AND ($collections IS NULL OR any(c IN act.collections WHERE c IN $collections))
  RETURN target, act
  UNION ALL
  MATCH (a)-[liked:LIKED]->(target)
  WHERE ($since IS NULL OR coalesce(liked.at, target.created_at) >= datetime($since))
    AND ($until IS NULL OR coalesce(liked.at, target.created_at) < datetime($until))
    AND ($collections IS NULL OR any(c IN target.collections WHERE c IN $collections))
  RETURN target, null AS act
}
WITH target, collect([a, act]) AS acts
// Own posts never count (the target's author is looked up once a post, not once an act).
WITH target, acts, [(target)<-[:POSTED]-(author) | author] AS authors
WITH target, [x IN acts WHERE NOT x[0] IN authors] AS acts
WHERE size(acts) > 0
// A retweeted post seen only through the retweet has the retweet's copy of its text (the
// first act with a text; read only for such posts).
WITH target, [x IN acts | x[0]] AS actors,
     toLower(coalesce(target.text,
                      CASE WHEN target.text IS NULL
                           THEN head([x IN acts WHERE x[1].text IS NOT NULL | x[1].text]) END,
                      '')) AS text,
     [(target)-[:TAGGED]->(tag:Hashtag) | tag.name] AS tags
// A keyword is matched as a word start: no letter or digit before it, no letter after it
// (so 'covid' finds #COVID19 and 'ai' not 'said'). Chinese has no spaces: a Han keyword
// matches anywhere. CONTAINS first, as it is much cheaper than a regular expression.
WITH target, actors,
     [topic IN keys($topics)
      WHERE any(word IN $topics[topic]
                WHERE (text CONTAINS toLower(word)
                       AND text =~ '(?s).*(?<![\\p{IsLatin}\\p{N}])\\Q' + toLower(word)
                                   + '\\E(?!\\p{IsLatin}).*')
                   OR any(tag IN tags
                          WHERE tag CONTAINS replace(toLower(word), ' ', '')
                            AND tag =~ '.*(?<![\\p{IsLatin}\\p{N}])\\Q'
                                       + replace(toLower(word), ' ', '')
                                       + '\\E(?!\\p{IsLatin}).*'))]
       AS topics
WHERE size(topics) > 0
// Each post's amplifiers with their acts on it, in key order; the first max_pair_amplifiers
// of them are its sample. One row for all the posts: the work below
// goes one amplifier at a time.
CALL (actors) {
  UNWIND actors AS a
  WITH a, count(*) AS acts
  RETURN collect({a: a, acts: acts}) AS amplifiers
}
WITH collect({topics: topics, amplifiers: amplifiers,
              sampled: [x IN amplifiers[0..$max_pair_amplifiers] | x.a],
              first_topic: reduce(m = topics[0], t IN topics | CASE WHEN t < m THEN t ELSE m END),
              last_topic: reduce(m = topics[0], t IN topics | CASE WHEN t > m THEN t ELSE m END)})
       AS posts
CALL (posts) {
  UNWIND range(0, size(posts) - 1) AS post
  UNWIND posts[post].amplifiers AS amplifier
  WITH amplifier.a AS a, collect({post: post, acts: amplifier.acts}) AS hits
  RETURN a, hits
}
WITH posts, a, hits, reduce(n = 0, hit IN hits | n + hit.acts) AS acts,
     [topic IN keys($topics) |
      [topic, reduce(n = 0, hit IN hits |
                     n + CASE WHEN topic IN posts[hit.post].topics THEN hit.acts ELSE 0 END)]]
       AS counts
WITH posts, a, hits, acts, [pair IN counts WHERE pair[1] > 0] AS counts
WHERE size(counts) >= $min_topics
// a and b amplified posts of two topics or more together (a post of two topics, or posts of
// two different topics): the topics of their posts together span more than one.
CALL (posts, a, hits) {
  UNWIND hits AS hit
  WITH posts[hit.post] AS post
  UNWIND post.sampled AS b
  WITH b, min(post.first_topic) AS first_topic, max(post.last_topic) AS last_topic
  WHERE b <> a
  RETURN count(b) AS co_amplifiers, count(CASE WHEN first_topic < last_topic THEN b END) AS shared
}
// Fresh rows (an aggregation keeps only what it groups), so the sort does not carry the posts.
WITH a, co_amplifiers, shared, acts, counts, count(*) AS rows
WITH a, co_amplifiers, shared, acts, counts,
     CASE WHEN co_amplifiers = 0 THEN 0.0 ELSE toFloat(shared) / co_amplifiers END AS reuse
RETURN a.screen_name AS screen_name, a.id AS account_id,
       [pair IN counts | pair[0]] AS topics, size(counts) AS topic_count,
       apoc.map.fromPairs(counts) AS counts, acts, co_amplifiers, shared,
       round(reuse, 4) AS reuse, round(reuse * log(1 + acts) / log(2), 4) AS score
ORDER BY score DESC, acts DESC, screen_name;
