// Files already loaded into a collection
// name: loaded-files
// description: The sha256 of every file a completed load of the collection read.
// parameters:
//   collection: {type: string}
// columns: [sha256]
MATCH (:Collection {name: $collection})-[:HAD_LOAD]->(l:Load {status: 'completed'})
UNWIND l.file_sha256 AS sha256
RETURN DISTINCT sha256;
