from cleaner.cli.main import run

run()
