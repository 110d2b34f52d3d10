// Topical posts and their amplifiers, for the cross-topic engine
// name: cross-topic-posts
// description: >
//   The posts in a topic that someone other than their author acted on (retweet, like,
//   reply, quote) in scope, of one part of the posts (internal node id modulo parts: the
//   engine runs the parts side by side, as a query runs on one core): each post's topics (in
//   the order of the sorted topic names) and the internal ids of the accounts that acted on
//   it, an account once per act, in no particular order (accounts-by-id gives their keys and
//   names, once each). The topics and the acts are those of the cross-topic pack;
//   infoops.analysis.coordination pairs the amplifiers as the pack does (cross-topic.cypher
//   pairs them in Cypher, for Neo4j Browser). Accounts go by internal id (id(), deprecated in
//   Neo4j 5 but there through 5.26): one integer per act instead of a key string.
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
//   parts: {type: int, default: 1, description: "how many parts the posts are split into"}
//   part: {type: int, default: 0, description: "this part, 0 to parts - 1"}
// columns: [topics, actors]
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
WHERE target.acted_on = true AND id(target) % $parts = $part
  AND EXISTS { (target)<-[:RETWEET_OF|REPLY_TO|QUOTES|LIKED]-() }
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
  RETURN collect(id(a)) AS actors
}
WITH topics, actors
WHERE size(actors) > 0
WITH collect(topics) AS topics, collect(actors) AS actors
RETURN topics, actors;
