// Record the end of a load
// name: load-end
// description: >
//   Marks a load completed or failed with its tallies, and refreshes the collection's counts
//   (nodes that list the collection in their `collections`).
// parameters:
//   load_id: {type: string}
//   status: {type: string}
//   finished_at: {type: datetime}
//   summary: {type: string, description: "JSON of the per-type tallies"}
//   records: {type: int}
//   rejects: {type: int}
//   refused_sha256: {type: "list[string]", description: "files that could not be read at all"}
//   error: {type: string}
// columns: [collection, accounts, posts]
MATCH (c:Collection)-[:HAD_LOAD]->(l:Load {id: $load_id})
SET l.status = $status, l.finished_at = $finished_at, l.summary = $summary,
    l.records = $records, l.rejects = $rejects, l.refused_sha256 = $refused_sha256,
    l.error = $error
WITH c
CALL (c) {
  MATCH (a:Account) WHERE c.name IN a.collections RETURN count(a) AS accounts
}
CALL (c) {
  MATCH (p:Post) WHERE c.name IN p.collections RETURN count(p) AS posts
}
SET c.accounts = accounts, c.posts = posts, c.updated_at = $finished_at
RETURN c.name AS collection, accounts, posts;
