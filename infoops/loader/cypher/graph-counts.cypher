// Nodes per label and relationships per type
// name: graph-counts
// description: >
//   From Neo4j's count store (constant time, whatever the graph's size); the loader compares
//   the counts before and after a load to report what it added.
// columns: [labels, relationship_types]
CALL apoc.meta.stats() YIELD labels, relTypesCount
RETURN labels, relTypesCount AS relationship_types;
