// Write the HITS scores and roles the communities engine computed
// name: write-hits
// description: >
//   The communities pack's HITS step, written: account $ids[i] (internal id) gets hub
//   $hubs[i], authority $authorities[i] and role $roles[i] (null for none).
// parameters:
//   ids: {type: "list[int]", description: "internal node ids"}
//   hubs: {type: "list[float]", description: "hub scores"}
//   authorities: {type: "list[float]", description: "authority scores"}
//   roles: {type: "list[string]", description: "poster, amplifier or null"}
// columns: [scored]
UNWIND range(0, size($ids) - 1) AS row
MATCH (account:Account)
WHERE id(account) = $ids[row]
SET account.hub = $hubs[row], account.authority = $authorities[row], account.role = $roles[row]
RETURN count(account) AS scored;
