// Merge screen-name placeholders into real accounts
// name: merge-placeholders
// description: >
//   When an account's id becomes known, the placeholder `platform:@name` made for references by
//   screen name is merged into it (APOC), so counts do not depend on load order.
// parameters:
//   rows: {type: "list[map]", description: "key, placeholder"}
// columns: [key]
UNWIND $rows AS row
MATCH (placeholder:Account {key: row.placeholder})
MATCH (account:Account {key: row.key})
WITH account, placeholder,
     [c IN placeholder.collections WHERE NOT c IN account.collections] AS extra
SET account.collections = account.collections + extra
WITH account, placeholder
CALL apoc.refactor.mergeNodes([account, placeholder], {properties: 'discard', mergeRels: true})
YIELD node
RETURN node.key AS key;
