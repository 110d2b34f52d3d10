"""infoops: investigate coordinated inauthentic behaviour on social media with Neo4j."""

__version__ = "0.1.0"
