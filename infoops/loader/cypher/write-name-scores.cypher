// Store the scores of names and posts that lack them
// name: write-name-scores
// description: >
//   The scores name-scores-missing asked for, computed by infoops.analysis.names (one
//   statement each for accounts, names and posts). An account's scores go in only while it
//   still has the names they were computed for; its several_names mark is counted from its
//   name history. A post's authors are marked StaleActivity (its script counts in their
//   content_script). The last statement marks every collection scored.
// parameters:
//   rows: {type: "list[map]", description: "key and the properties to store (not in the last statement)"}
// columns: []
UNWIND $rows AS row
MATCH (a:Account {key: row.key})
SET a.handle_score = CASE WHEN a.screen_name = row.screen_name THEN row.handle_score ELSE a.handle_score END,
    a.handle_kind = CASE WHEN a.screen_name = row.screen_name THEN row.handle_kind ELSE a.handle_kind END,
    a.handle_key = CASE WHEN a.screen_name = row.screen_name THEN row.handle_key ELSE a.handle_key END,
    a.name_script = CASE WHEN a.display_name = row.display_name THEN row.name_script ELSE a.name_script END,
    a.display_key = CASE WHEN a.display_name = row.display_name THEN row.display_key ELSE a.display_key END
WITH a
CALL (a) {
  MATCH (a)-[:USED_NAME]->(n:Name)
  WITH a, count(CASE WHEN n.kind = 'screen_name' THEN 1 END) AS handles,
       count(CASE WHEN n.kind = 'display_name' THEN 1 END) AS displays
  WHERE handles > 1 OR displays > 1
  SET a.several_names = true
};
UNWIND $rows AS row
MATCH (n:Name {key: row.key})
SET n.value_key = row.value_key;
// A post's script is part of its author's content_script (derive-activity, which runs after).
UNWIND $rows AS row
MATCH (p:Post {key: row.key})
SET p.script = row.script, p.format = row.format
WITH p
MATCH (author:Account)-[:POSTED]->(p)
SET author:StaleActivity;
MATCH (c:Collection)
SET c.names_scored = true, c.formats_scored = true;
