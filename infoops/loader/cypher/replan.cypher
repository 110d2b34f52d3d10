// Plan with the statistics of the loaded data
// name: replan
// description: >
//   Resamples the indexes, waits for that, and clears the query caches, so the derivation,
//   the measures and the first investigations after a load are planned for the data as it
//   now is. Right after a load the index statistics may still describe an emptier store, and
//   a plan made from them can read a whole index where a few relationships would do (one
//   such plan made a load spend 145 s in a step that takes under a second). Under a second
//   at a million interactions.
// parameters:
//   timeout_seconds: {type: int, default: 300}
// columns: []
CALL db.prepareForReplanning($timeout_seconds);
