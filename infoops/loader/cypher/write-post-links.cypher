// Write post-to-post links
// name: write-post-links
// description: >
//   RETWEET_OF, REPLY_TO and QUOTES from a post to its target. A target never seen in full is
//   kept as a stub post (seen: false) with its author when the source names it. The target is
//   marked acted_on (the topic packs start from the posts someone acted on).
// parameters:
//   rows: {type: "list[map]", description: "source, type (RETWEET_OF|REPLY_TO|QUOTES), target, platform, target_id, target_author"}
//   collection: {type: string}
// columns: [created, newly_authored]
UNWIND $rows AS row
MATCH (p:Post {key: row.source})
MERGE (q:Post {key: row.target})
ON CREATE SET q.platform = row.platform, q.id = row.target_id, q.collections = [], q.seen = false,
              q._created = true
WITH p, q, row, coalesce(q._created, false) AS created
REMOVE q._created
SET q.collections = CASE WHEN $collection IN q.collections THEN q.collections
                         ELSE q.collections + $collection END,
    q.acted_on = true
FOREACH (_ IN CASE WHEN row.type = 'RETWEET_OF' THEN [1] ELSE [] END | MERGE (p)-[:RETWEET_OF]->(q))
FOREACH (_ IN CASE WHEN row.type = 'REPLY_TO' THEN [1] ELSE [] END | MERGE (p)-[:REPLY_TO]->(q))
FOREACH (_ IN CASE WHEN row.type = 'QUOTES' THEN [1] ELSE [] END | MERGE (p)-[:QUOTES]->(q))
WITH q, row, created, EXISTS { (q)<-[:POSTED]-(:Account) } AS had_author
OPTIONAL MATCH (author:Account {key: row.target_author})
FOREACH (_ IN CASE WHEN author IS NOT NULL AND NOT had_author THEN [1] ELSE [] END |
  MERGE (author)-[:POSTED]->(q))
RETURN count(CASE WHEN created THEN 1 END) AS created,
       collect(CASE WHEN author IS NOT NULL AND NOT had_author AND NOT created THEN q.key END) AS newly_authored;
