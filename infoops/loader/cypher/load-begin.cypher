// Record the start of a load
// name: load-begin
// description: >
//   Creates the collection if new and a Load node (status 'running') for this attempt, so an
//   interrupted load stays visible in `infoops collections`. A collection this infoops makes
//   has its names and post formats scored as they are written (names_scored,
//   formats_scored: see name-scores-missing), and its posts marked acted_on as the acts on
//   them are written (acts_marked: see mark-acted-on).
// parameters:
//   collection: {type: string}
//   load_id: {type: string}
//   started_at: {type: datetime}
//   files: {type: "list[map]", description: "path, size, sha256, format"}
//   host: {type: string}
//   pid: {type: int}
// columns: [load_id]
MERGE (c:Collection {name: $collection})
ON CREATE SET c.created_at = $started_at, c.names_scored = true, c.formats_scored = true,
              c.acts_marked = true
CREATE (l:Load {id: $load_id, collection: $collection, started_at: $started_at, status: 'running',
                host: $host, pid: $pid,
                files: [f IN $files | f.path], file_sizes: [f IN $files | f.size],
                file_sha256: [f IN $files | f.sha256], file_formats: [f IN $files | f.format]})
CREATE (c)-[:HAD_LOAD]->(l)
RETURN l.id AS load_id;
