// Mark the posts someone acted on, in a graph an older infoops wrote
// name: mark-acted-on
// description: >
//   The writer marks a post acted_on when it writes a retweet, reply, quote or like of it
//   (write-post-links, write-likes; the bulk path writes the mark with the post), and the
//   collections it makes acts_marked. A collection without acts_marked was loaded by an older
//   infoops: then every post someone acted on gets the mark, and every collection
//   acts_marked. On a graph this infoops wrote it reads the collections only. (A drop can
//   leave the mark on a post no act is left on: packs read it as "perhaps acted on" and
//   check.)
// columns: []
MATCH (c:Collection)
WHERE c.acts_marked IS NULL
WITH count(c) AS unmarked
WHERE unmarked > 0
MATCH (p:Post)
WHERE p.acted_on IS NULL AND EXISTS { (p)<-[:RETWEET_OF|REPLY_TO|QUOTES|LIKED]-() }
CALL (p) { SET p.acted_on = true } IN TRANSACTIONS OF 10000 ROWS;
MATCH (c:Collection)
WHERE c.acts_marked IS NULL
SET c.acts_marked = true;
