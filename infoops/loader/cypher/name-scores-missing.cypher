// Names and posts without their scores
// name: name-scores-missing
// description: >
//   What a collection loaded before the loader scored names and post formats
//   (infoops.analysis.names) lacks. First: whether any collection may lack scores (one made
//   by an older infoops has no names_scored or no formats_scored); only then, statement by
//   statement, up to `limit` accounts with a name but not its scores, names without their
//   key, posts with text but no script or no format. The writer
//   scores them and stores the scores with write-name-scores, so packs can read them from
//   any older collection.
// parameters:
//   limit: {type: int, description: "most rows returned"}
// columns: [unscored, key, screen_name, display_name, value, text]
MATCH (c:Collection)
WHERE c.names_scored IS NULL OR c.formats_scored IS NULL
RETURN count(c) AS unscored;
MATCH (a:Account)
WHERE (a.screen_name IS NOT NULL AND a.handle_key IS NULL)
   OR (a.display_name IS NOT NULL AND a.display_key IS NULL)
RETURN a.key AS key, a.screen_name AS screen_name, a.display_name AS display_name
LIMIT $limit;
MATCH (n:Name)
WHERE n.value_key IS NULL
RETURN n.key AS key, n.value AS value
LIMIT $limit;
MATCH (p:Post)
WHERE p.text IS NOT NULL AND (p.script IS NULL OR p.format IS NULL)
RETURN p.key AS key, p.text AS text
LIMIT $limit;
