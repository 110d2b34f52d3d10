// Account-level interaction edges for an export
// name: export-interactions
// description: >
//   The account interaction graph as the loader derived it: one row per RETWEETED,
//   LIKED_POST_OF, REPLIED_TO, MENTIONED or QUOTED edge (amplifier -> poster) with its count of
//   distinct posts and its first and last time. account_keys keeps the edges between those
//   accounts only; collections keeps edges whose two accounts were seen in them; since/until
//   keep edges active in the window (the counts stay whole-collection counts).
// parameters:
//   collections: {type: "list[string]", default: null, description: "only edges between accounts seen in these collections"}
//   since: {type: datetime, default: null, description: "only edges whose last interaction is at or after this time"}
//   until: {type: datetime, default: null, description: "only edges whose first interaction is before this time"}
//   account_keys: {type: "list[string]", default: null, description: "only edges between these accounts (platform:id keys)"}
//   types: {type: "list[string]", default: [RETWEETED, LIKED_POST_OF, REPLIED_TO, MENTIONED, QUOTED], description: "edge types to keep"}
// columns: [source, target, type, count, first_at, last_at]
CALL () {
  WITH 1 AS by_key
  WHERE $account_keys IS NOT NULL
  UNWIND $account_keys AS key
  MATCH (a:Account {key: key})
  RETURN a
  UNION
  WITH 1 AS by_scan
  WHERE $account_keys IS NULL
  MATCH (a:Account)
  RETURN a
}
MATCH (a)-[r:RETWEETED|LIKED_POST_OF|REPLIED_TO|MENTIONED|QUOTED]->(b:Account)
WHERE type(r) IN $types
  AND ($account_keys IS NULL OR b.key IN $account_keys)
  AND ($collections IS NULL OR (any(c IN a.collections WHERE c IN $collections)
                                AND any(c IN b.collections WHERE c IN $collections)))
  AND ($since IS NULL OR r.last_at >= datetime($since))
  AND ($until IS NULL OR r.first_at < datetime($until))
RETURN a.key AS source, b.key AS target, type(r) AS type, r.count AS count,
       r.first_at AS first_at, r.last_at AS last_at
ORDER BY source, target, type;
