// Whether a collection has a completed load
// name: collection-loaded
// description: True when the collection named has at least one load that completed.
// parameters:
//   name: {type: string, description: "collection name"}
// columns: [loaded]
MATCH (:Collection {name: $name})-[:HAD_LOAD]->(l:Load {status: 'completed'})
RETURN count(l) > 0 AS loaded;
