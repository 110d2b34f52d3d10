// Write hashtags, links and mentions
// name: write-post-entities
// description: >
//   TAGGED hashtags, LINKS to URLs (with their domain) and MENTIONS of accounts, per post.
// parameters:
//   rows: {type: "list[map]", description: "post, hashtags[], urls[{url, domain}], mentions[] (account keys)"}
//   collection: {type: string}
// columns: [posts]
UNWIND $rows AS row
MATCH (p:Post {key: row.post})
CALL (p, row) {
  UNWIND row.hashtags AS tag
  MERGE (h:Hashtag {name: tag})
  ON CREATE SET h.collections = []
  SET h.collections = CASE WHEN $collection IN h.collections THEN h.collections
                           ELSE h.collections + $collection END
  MERGE (p)-[:TAGGED]->(h)
}
CALL (p, row) {
  UNWIND row.urls AS link
  MERGE (u:Url {url: link.url})
  ON CREATE SET u.collections = []
  SET u.collections = CASE WHEN $collection IN u.collections THEN u.collections
                           ELSE u.collections + $collection END
  MERGE (p)-[:LINKS]->(u)
  WITH u, link WHERE link.domain IS NOT NULL
  MERGE (d:Domain {name: link.domain})
  MERGE (u)-[:ON_DOMAIN]->(d)
}
CALL (p, row) {
  UNWIND row.mentions AS mentioned
  MATCH (a:Account {key: mentioned})
  MERGE (p)-[:MENTIONS]->(a)
}
RETURN count(p) AS posts;
