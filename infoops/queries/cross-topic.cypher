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
//   its posts' amplifiers. Topics are listed in name order. A post whose text is unknown
//   (seen only through the acts on it) takes the longest of their texts. infoops itself
//   (`infoops run`, cases, reports) runs the engine below instead: Neo4j finds the posts
//   and their amplifiers (internal/cross-topic-posts.cypher) and Python pairs them, millions
//   of pairs, with the same result (a test compares them). This Cypher is for Neo4j Browser.
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
// engine: infoops.analysis.coordination:cross_topic
WITH [topic IN apoc.coll.sort(keys($topics)) |
      // One regular expression per topic for the texts, one for the hashtags (their words
      // without spaces), built once. A keyword is matched as a word start: no letter or digit
      // before it, no letter after it (so 'covid' finds #COVID19 and 'ai' not 'said').
      // Chinese has no spaces: a Han keyword matches anywhere.
      {topic: topic,
       words: [word IN $topics[topic] | toLower(word)],
       tag_words: [word IN $topics[topic] | replace(toLower(word), ' ', '')],
       text_pattern: '(?s).*(?<![\\p{IsLatin}\\p{N}])(?:'
                     + reduce(alternatives = '', word IN $topics[topic] |
                              alternatives + CASE WHEN alternatives = '' THEN '' ELSE '|' END
                              + '\\Q' + toLower(word) + '\\E')
                     + ')(?!\\p{IsLatin}).*',
       tag_pattern: '(?s).*(?<![\\p{IsLatin}\\p{N}])(?:'
                    + reduce(alternatives = '', word IN $topics[topic] |
                             alternatives + CASE WHEN alternatives = '' THEN '' ELSE '|' END
                             + '\\Q' + replace(toLower(word), ' ', '') + '\\E')
                    + ')(?!\\p{IsLatin}).*'}] AS patterns
// The topics of each hashtag, once per hashtag rather than once per post that has it.
CALL (patterns) {
  MATCH (tag:Hashtag)
  WITH tag, [topic IN patterns
             WHERE any(word IN topic.tag_words WHERE tag.name CONTAINS word)
               AND tag.name =~ topic.tag_pattern | topic.topic] AS topics
  WHERE size(topics) > 0
  RETURN apoc.map.fromPairs(collect([tag.name, topics])) AS tag_topics
}
// The posts someone acted on (RETWEET_OF, REPLY_TO, QUOTES and LIKED lead to posts only), each
// with its topics; only then their acts, which are most of the work, for the posts in a topic.
// The loader marks them acted_on (indexed), so only they are read.
MATCH (target:Post)
WHERE target.acted_on = true AND EXISTS { (target)<-[:RETWEET_OF|REPLY_TO|QUOTES|LIKED]-() }
// A post seen only through the acts on it (its text unknown) takes the longest text of those
// in scope: a retweet's copy of it (the least truncated), or a reply or quote, which speaks of
// it.
WITH patterns, tag_topics, target,
     toLower(coalesce(target.text,
                      CASE WHEN target.text IS NULL
                           THEN reduce(longest = null, copy IN
                                       [(target)<-[:RETWEET_OF|REPLY_TO|QUOTES]-(act)
                                        WHERE act.text IS NOT NULL
                                          AND ($since IS NULL OR act.created_at >= datetime($since))
                                          AND ($until IS NULL OR act.created_at < datetime($until))
                                          AND ($collections IS NULL
                                               OR any(c IN act.collections WHERE c IN $collections))
                                        | act.text] |
                                       CASE WHEN longest IS NULL OR size(copy) > size(longest)
                                                 OR (size(copy) = size(longest) AND copy < longest)
                                            THEN copy ELSE longest END) END,
                      '')) AS text,
     apoc.coll.flatten([(target)-[:TAGGED]->(tag:Hashtag) | coalesce(tag_topics[tag.name], [])])
       AS tagged
// CONTAINS first, as it is much cheaper than a regular expression.
WITH target,
     [topic IN patterns
      WHERE topic.topic IN tagged
         OR (any(word IN topic.words WHERE text CONTAINS word) AND text =~ topic.text_pattern)
      | topic.topic] AS topics
WHERE size(topics) > 0
// Each post's amplifiers with their acts on it. Own posts never count.
CALL (target) {
  WITH target, [(target)<-[:POSTED]-(author) | author] AS authors
  CALL (target) {
    MATCH (target)<-[:RETWEET_OF|REPLY_TO|QUOTES]-(act)<-[:POSTED]-(a)
    WHERE ($since IS NULL OR act.created_at >= datetime($since))
      AND ($until IS NULL OR act.created_at < datetime($until))
      AND ($collections IS NULL OR any(c IN act.collections WHERE c IN $collections))
    RETURN a
    UNION ALL
    MATCH (target)<-[liked:LIKED]-(a)
    WHERE ($since IS NULL OR coalesce(liked.at, target.created_at) >= datetime($since))
      AND ($until IS NULL OR coalesce(liked.at, target.created_at) < datetime($until))
      AND ($collections IS NULL OR any(c IN target.collections WHERE c IN $collections))
    RETURN a
  }
  WITH authors, a
  WHERE NOT a IN authors
    AND ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))
  WITH a, count(*) AS acts
  RETURN collect({a: a, acts: acts}) AS amplifiers
}
WITH topics, amplifiers
WHERE size(amplifiers) > 0
WITH collect({topics: topics, amplifiers: amplifiers,
              first_topic: reduce(m = topics[0], t IN topics | CASE WHEN t < m THEN t ELSE m END),
              last_topic: reduce(m = topics[0], t IN topics | CASE WHEN t > m THEN t ELSE m END)})
       AS posts
// One row for all the posts: the work below goes one amplifier at a time, in key order (each
// key read once).
CALL (posts) {
  UNWIND range(0, size(posts) - 1) AS post
  UNWIND posts[post].amplifiers AS amplifier
  WITH amplifier.a AS a, collect({post: post, acts: amplifier.acts}) AS hits
  RETURN a, hits
  ORDER BY a.key
}
WITH posts, collect({a: a, hits: hits}) AS amplifiers
// Each post's sample: its first max_pair_amplifiers amplifiers in key order, the same in any
// store. It bounds the work on viral posts: a pool shows in any sample of its posts'
// amplifiers.
CALL (amplifiers) {
  UNWIND amplifiers AS amplifier
  UNWIND amplifier.hits AS hit
  WITH hit.post AS post, collect(amplifier.a) AS in_key_order
  ORDER BY post
  RETURN collect(in_key_order[0..$max_pair_amplifiers]) AS samples
}
UNWIND amplifiers AS amplifier
WITH posts, samples, amplifier.a AS a, amplifier.hits AS hits
WITH posts, samples, a, hits, reduce(n = 0, hit IN hits | n + hit.acts) AS acts,
     [topic IN apoc.coll.sort(keys($topics)) |
      [topic, reduce(n = 0, hit IN hits |
                     n + CASE WHEN topic IN posts[hit.post].topics THEN hit.acts ELSE 0 END)]]
       AS counts
WITH posts, samples, a, hits, acts, [pair IN counts WHERE pair[1] > 0] AS counts
WHERE size(counts) >= $min_topics
// a and b amplified posts of two topics or more together (a post of two topics, or posts of
// two different topics): the topics of their posts together span more than one.
CALL (posts, samples, a, hits) {
  UNWIND hits AS hit
  WITH posts[hit.post] AS post, samples[hit.post] AS sample
  UNWIND sample AS b
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
ORDER BY score DESC, acts DESC, screen_name, account_id;
