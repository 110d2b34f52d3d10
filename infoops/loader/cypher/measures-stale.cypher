// Forget the collections' measures that a load or drop may change
// name: measures-stale
// description: >
//   Removes the measures the compare pack stored on Collection nodes (measure_* and the
//   measures_* parameters they were computed with) from every collection, so that compare
//   computes them from the posts again. Any load or drop may change
//   any collection's measures: accounts are shared (a newer profile brings other followers, a
//   merged placeholder other acts), stub posts are seen in full later, and a drop deletes
//   nodes. Run when a load begins, before a drop and after it.
// columns: [forgotten]
MATCH (c:Collection)
WITH c, [key IN keys(c) WHERE key STARTS WITH 'measure'] AS stored
WHERE stored <> []
SET c = apoc.map.removeKeys(properties(c), stored)
RETURN count(c) AS forgotten;
