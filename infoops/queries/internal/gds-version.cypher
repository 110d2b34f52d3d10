// GDS version
// name: gds-version
// description: The version of the Graph Data Science library; fails where GDS is not installed.
// columns: [version]
RETURN gds.version() AS version;
