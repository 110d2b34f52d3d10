// Write likes
// name: write-likes
// description: >
//   (Account)-[:LIKED {at, collections}]->(Post); the liked post becomes a stub if never seen
//   in full. The like time keeps the earliest one seen. A like is the one post-level fact that
//   belongs to neither post nor account, so it records its own collections (for drop). The
//   liked post is marked acted_on, as write-post-links marks its targets.
//   Times arrive as ISO-8601 text and are parsed here with datetime().
// parameters:
//   rows: {type: "list[map]", description: "account, post, platform, post_id, post_author, at"}
//   collection: {type: string}
// columns: [created, newly_authored]
UNWIND $rows AS row
MATCH (a:Account {key: row.account})
MERGE (q:Post {key: row.post})
ON CREATE SET q.platform = row.platform, q.id = row.post_id, q.collections = [], q.seen = false,
              q._created = true
WITH a, q, row, coalesce(q._created, false) AS created
REMOVE q._created
SET q.collections = CASE WHEN $collection IN q.collections THEN q.collections
                         ELSE q.collections + $collection END,
    q.acted_on = true
SET a:StaleEdges
MERGE (a)-[l:LIKED]->(q)
SET l.at = CASE WHEN datetime(row.at) IS NOT NULL AND (l.at IS NULL OR datetime(row.at) < l.at) THEN datetime(row.at) ELSE l.at END,
    l.collections = CASE WHEN $collection IN coalesce(l.collections, []) THEN l.collections
                         ELSE coalesce(l.collections, []) + $collection END
WITH q, row, created, EXISTS { (q)<-[:POSTED]-(:Account) } AS had_author
OPTIONAL MATCH (author:Account {key: row.post_author})
FOREACH (_ IN CASE WHEN author IS NOT NULL AND NOT had_author THEN [1] ELSE [] END |
  MERGE (author)-[:POSTED]->(q))
RETURN count(CASE WHEN created THEN 1 END) AS created,
       collect(CASE WHEN author IS NOT NULL AND NOT had_author AND NOT created THEN q.key END) AS newly_authored;
