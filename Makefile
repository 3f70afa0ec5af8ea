# The two commands of the README.
.PHONY: demo test

# set up, build the seed pages into the embedded store (.graphkit/), then ask it something and draw it
demo:
	scripts/setup
	.venv/bin/graphkit build seeds/
	.venv/bin/graphkit stats
	.venv/bin/graphkit query coauthors -p name "Sijie Mai" --limit 5
	.venv/bin/graphkit viz author "Sijie Mai" -o sijie-mai.html

# set up (including Debian's chromium and the Neo4j 5.26 jars) and run the whole test suite
test:
	scripts/setup --test
	.venv/bin/python -m pytest -q
