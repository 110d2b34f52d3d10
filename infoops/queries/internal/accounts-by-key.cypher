// Screen name and platform id of accounts given by key
// name: accounts-by-key
// description: One row per key found (platform:id keys, looked up through the key constraint).
// parameters:
//   keys: {type: "list[string]", description: "account keys"}
// columns: [key, screen_name, account_id]
UNWIND $keys AS key
MATCH (a:Account {key: key})
RETURN key, a.screen_name AS screen_name, a.id AS account_id;
