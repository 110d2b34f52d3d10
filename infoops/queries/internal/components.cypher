// Neo4j version
// name: components
// description: The Neo4j kernel's version and edition.
// columns: [version, edition]
CALL dbms.components() YIELD name, versions, edition
WHERE name = 'Neo4j Kernel'
RETURN versions[0] AS version, edition;
