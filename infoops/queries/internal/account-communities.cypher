// The community of accounts given by internal id
// name: account-communities
// description: >
//   Account.community (as the communities pack wrote it; null for none) of each account
//   given by internal id, as [internal id, community], in no particular order; an id that is
//   no account's is left out.
// parameters:
//   ids: {type: "list[int]", description: "internal node ids"}
// columns: [communities]
UNWIND $ids AS node_id
MATCH (a:Account)
WHERE id(a) = node_id
RETURN collect([id(a), a.community]) AS communities;
