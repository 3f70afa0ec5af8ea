# The two commands of the README.
.PHONY: demo test setup

# set up, build the seed pages into the embedded store, draw Sijie Mai's graph
demo:
	scripts/setup
	.venv/bin/graphkit build seeds/
	.venv/bin/graphkit stats

# set up (including chromium and the Neo4j jars) and run the whole test suite
test:
	scripts/setup --test
	.venv/bin/python -m pytest -q
