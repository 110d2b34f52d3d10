// Collections and their loads
// name: collections
// description: >
//   Every collection with its counts and every load attempt: files (path, size, sha256,
//   refused: read by the attempt but of no readable format, so not loaded),
//   start and end, status (running, completed, failed; a load still 'running' whose process
//   is gone was interrupted), records and rejects.
// parameters:
//   name: {type: string, default: null, description: "only this collection"}
// columns: [collection, accounts, posts, created_at, updated_at, loads]
MATCH (c:Collection)
WHERE $name IS NULL OR c.name = $name
OPTIONAL MATCH (c)-[:HAD_LOAD]->(l:Load)
WITH c, l ORDER BY l.started_at
WITH c, collect(CASE WHEN l IS NULL THEN NULL ELSE {
  id: l.id, status: l.status, started_at: l.started_at, finished_at: l.finished_at,
  records: l.records, rejects: l.rejects, error: l.error, host: l.host, pid: l.pid,
  files: [i IN range(0, size(l.files) - 1) | {path: l.files[i], size: l.file_sizes[i],
          sha256: l.file_sha256[i], format: l.file_formats[i],
          refused: l.file_sha256[i] IN coalesce(l.refused_sha256, [])}]
} END) AS loads
RETURN c.name AS collection, c.accounts AS accounts, c.posts AS posts,
       c.created_at AS created_at, c.updated_at AS updated_at, loads
ORDER BY collection;
