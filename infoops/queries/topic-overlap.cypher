// Topic overlap: how much the amplifiers of one topic are those of another
// name: topic-overlap
// description: >
//   For every pair of topics, the accounts that amplified posts of each (retweets, likes,
//   replies, quotes of other accounts' posts, at least min_acts in the topic), how many
//   amplified both, and the Jaccard index shared / (amplifiers_a + amplifiers_b - shared).
//   Topics and their matching are those of cross-topic. Unrelated conversations (Hong Kong
//   and a crypto giveaway) have nearly disjoint audiences; a high overlap between them is a
//   pool of amplifiers put to work on both. Every pair of topics that both have amplifiers is
//   listed, a disjoint pair with shared 0. Pairs with the highest Jaccard come first.
//   infoops itself (`infoops run`, cases, reports) runs the engine below instead: Neo4j finds
//   the posts and their amplifiers (internal/cross-topic-posts.cypher, as cross-topic's
//   engine does, in parts side by side) and Python counts the sets, with the same result (a
//   test compares them). This Cypher is for Neo4j Browser.
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
//   min_acts: {type: int, default: 1, description: "acts in a topic that make an account one of its amplifiers"}
// columns: [topic_a, topic_b, amplifiers_a, amplifiers_b, shared, jaccard]
// engine: infoops.analysis.coordination:topic_overlap
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
// Who acted on each post in a topic. Own posts never count.
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
WITH target, topics, collect(a) AS actors
WITH topics, actors, [(target)<-[:POSTED]-(author) | author] AS authors
WITH topics,
     [a IN actors
      WHERE NOT a IN authors
        AND ($collections IS NULL OR any(c IN a.collections WHERE c IN $collections))] AS actors
UNWIND actors AS a
UNWIND topics AS topic
// One list per topic of every act's account (an account once per act): its amplifiers are
// those with min_acts or more in it.
WITH topic, collect(a) AS acts
WITH topic, [row IN apoc.coll.frequencies(acts) WHERE row.count >= $min_acts | row.item]
              AS amplifiers
WHERE size(amplifiers) > 0
ORDER BY topic
WITH collect({topic: topic, amplifiers: amplifiers}) AS sets
UNWIND range(0, size(sets) - 2) AS i
UNWIND range(i + 1, size(sets) - 1) AS j
WITH sets[i].topic AS topic_a, sets[j].topic AS topic_b,
     size(sets[i].amplifiers) AS amplifiers_a, size(sets[j].amplifiers) AS amplifiers_b,
     size(apoc.coll.intersection(sets[i].amplifiers, sets[j].amplifiers)) AS shared
RETURN topic_a, topic_b, amplifiers_a, amplifiers_b, shared,
       round(toFloat(shared) / (amplifiers_a + amplifiers_b - shared), 4) AS jaccard
ORDER BY jaccard DESC, shared DESC, topic_a, topic_b;
