// A pack's rows in one record
// name: collected-rows
// description: >
//   infoops runs the last statement of a pack inside this wrapper (Pack.collected): the
//   statement takes the place of the subquery's RETURN, and its declared columns the place of
//   `column` in the list. The Python driver spends tens of microseconds on every record it
//   receives (two socket reads and a Record each: 1.1 s for 29k short rows, 10 s for
//   name-patterns' 211k at a million interactions), more than Neo4j spends making most rows;
//   one record that holds every row, in the statement's order, arrives several times sooner.
//   The price: the server's heap holds every row at once. Not for Neo4j Browser, which runs
//   the pack as it is.
// columns: [rows]
CALL () {
  RETURN 'the pack statement' AS column
}
RETURN collect([column]) AS rows;
