// Store a collection's measures at the end of its load
// name: store-measures
// description: >
//   Stores on the loaded collection's node the measures compare computed for it (one
//   property per metric, measure_<metric>, unrounded; null ones are absent), with the
//   parameters they hold for (measures_creation_margin_days, measures_low_followers,
//   measures_random_threshold); run
//   measures-stale first. They are stored only if no other load began since this one began
//   or ended since the measuring began: another load's writes may be in them in part, and
//   the end of that load, which forgets them, may have come already.
// parameters:
//   collection: {type: string}
//   load_id: {type: string}
//   load_started_at: {type: datetime}
//   measuring_since: {type: datetime}
//   measures: {type: map, description: "measure_<metric>: value"}
//   creation_margin_days: {type: int}
//   low_followers: {type: int}
//   random_threshold: {type: float}
// columns: [stored]
MATCH (c:Collection {name: $collection})
WHERE NOT EXISTS {
  MATCH (l:Load)
  WHERE l.id <> $load_id
    AND (l.started_at >= $load_started_at OR l.finished_at >= $measuring_since)
}
SET c += $measures,
    c.measures_creation_margin_days = $creation_margin_days,
    c.measures_low_followers = $low_followers,
    c.measures_random_threshold = $random_threshold
RETURN count(c) AS stored;
