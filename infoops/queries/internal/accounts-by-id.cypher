// Key, screen name and platform id of accounts given by internal id
// name: accounts-by-id
// description: >
//   The accounts cross-topic-posts names by internal id (id()), each as [internal id, key,
//   screen name, platform id], in no particular order; an id that is no account's is left
//   out. One record: a row per account would cost the driver more than the lookup.
// parameters:
//   ids: {type: "list[int]", description: "internal node ids"}
// columns: [accounts]
UNWIND $ids AS node_id
MATCH (a:Account)
WHERE id(a) = node_id
RETURN collect([id(a), a.key, a.screen_name, a.id]) AS accounts;
