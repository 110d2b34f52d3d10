// Mark the accounts that interacted with given posts
// name: mark-interactors-of-posts
// description: >
//   Who retweeted, replied to, quoted or liked these posts gets the StaleEdges label: their
//   account-level edges are recomputed because the posts' author became known late, or their
//   time moved (a like without a time of its own takes the post's).
// parameters:
//   keys: {type: "list[string]", description: "post keys"}
// columns: [marked]
UNWIND $keys AS key
MATCH (q:Post {key: key})
CALL (q) {
  MATCH (q)<-[:RETWEET_OF|REPLY_TO|QUOTES]-(:Post)<-[:POSTED]-(a:Account)
  RETURN a
  UNION
  MATCH (q)<-[:LIKED]-(a:Account)
  RETURN a
}
SET a:StaleEdges
RETURN count(DISTINCT a) AS marked;
