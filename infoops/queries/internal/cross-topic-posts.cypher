// Topical posts and their amplifiers, for the cross-topic engine
// name: cross-topic-posts
// description: >
//   One row per post in a topic that someone other than its author acted on (retweet, like,
//   reply, quote) in scope: its topics (in the order of the sorted topic names), the keys of
//   the accounts that acted on it, in no particular order, and how many acts each. The topics
//   and the acts are those of the cross-topic pack; infoops.analysis.coordination pairs the
//   amplifiers as the pack does (cross-topic.cypher pairs them in Cypher, for Neo4j Browser).
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
// columns: [topics, keys, hits, hit_acts]
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
// The posts someone acted on (RETWEET_OF, REPLY_TO, QUOTES and LIKED lead to posts only), each
// with its topics; only then their acts, which are most of the work, for the posts in a topic.
MATCH (target:Post)
WHERE EXISTS { (target)<-[:RETWEET_OF|REPLY_TO|QUOTES|LIKED]-() }
// A post seen only through the acts on it (its text unknown) takes the longest text of those
// in scope: a retweet's copy of it (the least truncated), or a reply or quote, which speaks of
// it. Hashtags are joined by spaces, which no tag word holds, so a tag word matches the
// joined tags where it matches one of them.
WITH patterns, target,
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
     reduce(joined = '', tag IN [(target)-[:TAGGED]->(tag:Hashtag) | tag.name] |
            joined + ' ' + tag) AS tags
// CONTAINS first, as it is much cheaper than a regular expression.
WITH target,
     [topic IN patterns
      WHERE (any(word IN topic.words WHERE text CONTAINS word) AND text =~ topic.text_pattern)
         OR (any(word IN topic.tag_words WHERE tags CONTAINS word) AND tags =~ topic.tag_pattern)
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
  RETURN collect(a) AS amplifiers, collect(acts) AS acts
}
WITH topics, amplifiers, acts
WHERE size(amplifiers) > 0
WITH collect(topics) AS topics, collect(amplifiers) AS amplifiers, collect(acts) AS acts
// One row for all the posts, and each account's key read once.
CALL (amplifiers, acts) {
  UNWIND range(0, size(amplifiers) - 1) AS post
  UNWIND range(0, size(amplifiers[post]) - 1) AS amplifier
  WITH amplifiers[post][amplifier] AS a, collect(post) AS posts,
       collect(acts[post][amplifier]) AS post_acts
  RETURN collect(a.key) AS keys, collect(posts) AS hits, collect(post_acts) AS hit_acts
}
RETURN topics, keys, hits, hit_acts;
