// Write ceiling: the fastest Cypher writes this server does
// name: write-ceiling
// description: >
//   What one transaction of batched UNWIND writes costs on this server, without any of the
//   loader's logic: create $rows nodes with a unique key, merge the same keys again (index seek,
//   nothing new), create a relationship between neighbours, then delete it all. The loader needs
//   about three such row writes per interaction (the post, its link, the account stub), so these
//   rates bound what the incremental path can reach on this machine. Run by benchmarks/load.py.
// parameters:
//   rows: {type: int, default: 50000}
//   run: {type: string, required: true, description: "label suffix keeping runs apart"}
// columns: []
CREATE CONSTRAINT ceiling_key IF NOT EXISTS FOR (c:CeilingProbe) REQUIRE c.key IS UNIQUE;
UNWIND range(1, $rows) AS i
CREATE (:CeilingProbe {key: $run + ':' + toString(i), n: i, text: 'probe'});
UNWIND range(1, $rows) AS i
MERGE (c:CeilingProbe {key: $run + ':' + toString(i)})
SET c.n = i;
UNWIND range(1, $rows - 1) AS i
MATCH (a:CeilingProbe {key: $run + ':' + toString(i)}), (b:CeilingProbe {key: $run + ':' + toString(i + 1)})
CREATE (a)-[:CEILING_PROBE]->(b);
MATCH (c:CeilingProbe)
CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 10000 ROWS;
DROP CONSTRAINT ceiling_key IF EXISTS;
