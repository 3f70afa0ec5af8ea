#!/bin/sh
# Render a VOSviewer JSON export with VOSviewer Online (its React component, bundled here) in headless
# Chromium and save a screenshot:
#     graphkit export --format vosviewer --graph coauthor -o vos/
#     scripts/vosviewer_online/render.sh vos/vosviewer.json vos.png
# Needs node and npm (installs the packages of package.json into this folder once).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
json=$(realpath "$1"); png=$(realpath -m "$2")
cd "$here"
[ -d node_modules ] || npm install --no-audit --no-fund --loglevel=error
mkdir -p build && cp "$json" build/vosviewer.json
node_modules/.bin/esbuild entry.jsx --bundle --outfile=build/bundle.js --loader:.js=jsx \
    --define:process.env.NODE_ENV='"production"' --log-level=warning
"${PYTHON:-python3}" - "$here/index.html" "$png" <<'PY'
import os, sys
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium"),
                                args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto("file://" + sys.argv[1])
    page.wait_for_timeout(15000)  # VOSviewer Online lays the map out in the page
    page.screenshot(path=sys.argv[2])
    browser.close()
PY
echo "$png"
