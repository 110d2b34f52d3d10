// APOC version
// name: apoc-version
// description: The version of APOC core; fails where APOC is not installed.
// columns: [version]
RETURN apoc.version() AS version;
