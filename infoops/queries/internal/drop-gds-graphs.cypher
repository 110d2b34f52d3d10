// Drop every GDS projection
// name: drop-gds-graphs
// description: Removes all in-memory GDS graphs of the current database (used between tests).
// columns: [graphName]
CALL gds.graph.list() YIELD graphName
CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped
RETURN dropped AS graphName;
