// Write referenced accounts
// name: write-account-refs
// description: >
//   Accounts known only by reference (retweeted, replied to, mentioned, liked by). Placeholder
//   keys `platform:@name` stand for accounts known only by screen name until their id is seen.
// parameters:
//   rows: {type: "list[map]", description: "key, platform, id, screen_name, and with a screen name its handle_score, handle_kind and handle_key (infoops.analysis.names)"}
//   collection: {type: string}
// columns: [created]
UNWIND $rows AS row
MERGE (a:Account {key: row.key})
ON CREATE SET a.platform = row.platform, a.id = row.id, a.collections = [], a._created = true,
              a.screen_name = row.screen_name, a.screen_name_lower = toLower(row.screen_name),
              a.handle_score = row.handle_score, a.handle_kind = row.handle_kind,
              a.handle_key = row.handle_key
WITH a, coalesce(a._created, false) AS created
REMOVE a._created
SET a.collections = CASE WHEN $collection IN a.collections THEN a.collections
                         ELSE a.collections + $collection END
RETURN count(CASE WHEN created THEN 1 END) AS created;
