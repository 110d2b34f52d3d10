// Files already loaded into a collection
// name: loaded-files
// description: >
//   The sha256 of every file a completed load of the collection read, except those it could
//   not read at all (of no known format, say), which a later load reads again.
// parameters:
//   collection: {type: string}
// columns: [sha256]
MATCH (:Collection {name: $collection})-[:HAD_LOAD]->(l:Load {status: 'completed'})
UNWIND [sha256 IN l.file_sha256 WHERE NOT sha256 IN coalesce(l.refused_sha256, [])] AS sha256
RETURN DISTINCT sha256;
