// Topic overlap: how much the amplifiers of one topic are those of another
// name: topic-overlap
// description: >
//   For every pair of topics, the accounts that amplified posts of each (retweets, likes,
//   replies, quotes of other accounts' posts, at least min_acts in the topic), how many
//   amplified both, and the Jaccard index shared / (amplifiers_a + amplifiers_b - shared).
//   Topics and their matching are those of cross-topic. Unrelated conversations (Hong Kong
//   and a crypto giveaway) have nearly disjoint audiences; a high overlap between them is a
//   pool of amplifiers put to work on both. Pairs with the highest Jaccard come first.
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
MATCH (a:Account)
WHERE $collections IS NULL OR any(c IN a.collections WHERE c IN $collections)
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
UNWIND actors AS a
UNWIND topics AS topic
WITH a, topic, count(*) AS acts
WHERE acts >= $min_acts
WITH a, collect(topic) AS topics
UNWIND topics AS topic_a
UNWIND topics AS topic_b
WITH topic_a, topic_b, count(*) AS shared
WHERE topic_a <= topic_b
WITH collect({a: topic_a, b: topic_b, shared: shared}) AS cells
WITH cells, [cell IN cells WHERE cell.a = cell.b] AS diagonal
UNWIND cells AS cell
WITH cell, diagonal WHERE cell.a < cell.b
WITH cell.a AS topic_a, cell.b AS topic_b, cell.shared AS shared,
     head([d IN diagonal WHERE d.a = cell.a | d.shared]) AS amplifiers_a,
     head([d IN diagonal WHERE d.a = cell.b | d.shared]) AS amplifiers_b
RETURN topic_a, topic_b, amplifiers_a, amplifiers_b, shared,
       round(toFloat(shared) / (amplifiers_a + amplifiers_b - shared), 4) AS jaccard
ORDER BY jaccard DESC, shared DESC, topic_a, topic_b;
