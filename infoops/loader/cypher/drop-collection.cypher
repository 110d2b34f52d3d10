// Drop a collection
// name: drop-collection
// description: >
//   Removes what only this collection saw and takes the collection off everything else.
//   Statement by statement: mark for re-derivation the surviving accounts whose edges may
//   change; delete nodes seen only in this collection (in batches); remove the collection
//   from the provenance lists of the rest; delete names and domains nothing uses any more;
//   delete the collection's record and its loads. Likes seen only in this collection go too
//   (LIKED records its collections); other relationships between two surviving nodes are facts
//   of a surviving post or account and stay. Run derive-account-edges after.
// parameters:
//   name: {type: string, required: true}
// columns: [deleted]
MATCH (a:Account)
WHERE $name IN a.collections AND size(a.collections) > 1
SET a:StaleEdges
WITH a
MATCH (a)-[:RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED]-(other:Account)
WHERE size(other.collections) > 1 OR NOT $name IN other.collections
SET other:StaleEdges;
// The accounts that go take their edges with them: whoever they interacted with, either way,
// is derived again (its edges and its amplification statistics).
MATCH (gone:Account)
WHERE gone.collections = [$name]
MATCH (gone)-[:RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED]-(other:Account)
WHERE other.collections <> [$name]
SET other:StaleEdges;
MATCH (n)
WHERE (n:Account OR n:Post OR n:Hashtag OR n:Url) AND n.collections = [$name]
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS;
MATCH (n)
WHERE (n:Account OR n:Post OR n:Hashtag OR n:Url) AND $name IN n.collections
CALL (n) { SET n.collections = [c IN n.collections WHERE c <> $name] } IN TRANSACTIONS OF 5000 ROWS;
MATCH ()-[l:LIKED]->()
WHERE $name IN l.collections
CALL (l) {
  WITH l, [c IN l.collections WHERE c <> $name] AS rest
  FOREACH (_ IN CASE WHEN rest = [] THEN [1] ELSE [] END | DELETE l)
  FOREACH (_ IN CASE WHEN rest <> [] THEN [1] ELSE [] END | SET l.collections = rest)
} IN TRANSACTIONS OF 5000 ROWS;
MATCH (n)
WHERE (n:Name OR n:Domain) AND NOT EXISTS { (n)--() }
CALL (n) { DELETE n } IN TRANSACTIONS OF 5000 ROWS;
MATCH (c:Collection {name: $name})
OPTIONAL MATCH (c)-[:HAD_LOAD]->(l:Load)
DETACH DELETE c, l
RETURN count(*) AS deleted;
