// Mark the accounts that interacted with given accounts
// name: mark-interactors-of-accounts
// description: >
//   After a placeholder merge, whoever retweeted, replied to, quoted, liked or mentioned the
//   merged account gets the StaleEdges label, and so does the account itself.
// parameters:
//   keys: {type: "list[string]", description: "account keys"}
// columns: [marked]
UNWIND $keys AS key
MATCH (b:Account {key: key})
SET b:StaleEdges
WITH b
CALL (b) {
  MATCH (b)-[:POSTED]->(:Post)<-[:RETWEET_OF|REPLY_TO|QUOTES]-(:Post)<-[:POSTED]-(a:Account)
  RETURN a
  UNION
  MATCH (b)-[:POSTED]->(:Post)<-[:LIKED]-(a:Account)
  RETURN a
  UNION
  MATCH (b)<-[:MENTIONS]-(:Post)<-[:POSTED]-(a:Account)
  RETURN a
}
SET a:StaleEdges
RETURN count(DISTINCT a) AS marked;
