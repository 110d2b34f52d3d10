from infoops.cli import run

run()
