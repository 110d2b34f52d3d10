// Leiden on the strong edges between posters, for amplifier-pool-members' engine
// name: pool-leiden
// description: >
//   amplifier-pool-members' Leiden step on edges the engine computed: edge i joins the
//   posters of internal ids $firsts[i] and $seconds[i] with Jaccard index $weights[i], in the
//   pack's order (by the posters' keys), so the projection and its communities are the
//   pack's. Returns each poster's [internal id, community], in no particular order.
// parameters:
//   firsts: {type: "list[int]", description: "each edge's first poster, by internal id"}
//   seconds: {type: "list[int]", description: "each edge's second poster, by internal id"}
//   weights: {type: "list[float]", description: "each edge's Jaccard index"}
// columns: [components]
WITH 'infoops-amplifier-pools-' + randomUUID() AS graph_name
CALL (graph_name) {
  UNWIND range(0, size($firsts) - 1) AS edge
  MATCH (first) WHERE id(first) = $firsts[edge]
  MATCH (second) WHERE id(second) = $seconds[edge]
  RETURN gds.graph.project(graph_name, first, second,
                           {relationshipProperties: {weight: $weights[edge]}},
                           {undirectedRelationshipTypes: ['*'], readConcurrency: 1})
    AS projection
}
CALL (projection) {
  WITH projection WHERE projection IS NOT NULL
  CALL gds.leiden.stream(projection.graphName, {relationshipWeightProperty: 'weight',
                                                concurrency: 1, randomSeed: 42})
  YIELD nodeId, communityId
  RETURN collect([id(gds.util.asNode(nodeId)), communityId]) AS components
}
CALL (projection) {
  WITH projection WHERE projection IS NOT NULL
  CALL gds.graph.drop(projection.graphName) YIELD graphName
  RETURN count(graphName) AS dropped
}
RETURN components;
