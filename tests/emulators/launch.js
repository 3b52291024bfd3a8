// Starts one local emulator in this process and exits when standard input closes, so an emulator never outlives the test
// process (or script) that started it, even when that process is killed.
//   node launch.js cosmos  [port]   -> prints "listening on https://127.0.0.1:<port>"
//   node launch.js azurite [port]   -> prints Azurite's own "listens on http://127.0.0.1:<port>"
"use strict";
const path = require("path");

const [, , which, portArg] = process.argv;
const port = portArg === undefined ? 0 : Number(portArg);

// scripts/emulators.sh start runs them detached (stopped by pid); everything else ties them to standard input.
if (process.env.OPSHELM_EMULATOR_DETACHED !== "1") {
  process.stdin.on("end", () => process.exit(0));
  process.stdin.on("error", () => process.exit(0));
  process.stdin.resume();
}

if (which === "cosmos") {
  const { createHttpsServer } = require("@vercel/cosmosdb-server");
  const server = createHttpsServer().listen(port, "127.0.0.1", () => {
    console.log(`listening on https://127.0.0.1:${server.address().port}`);
  });
} else if (which === "azurite") {
  const main = require.resolve("azurite/dist/src/blob/main.js");
  process.argv = [process.argv[0], main,
    "--blobHost", "127.0.0.1", "--blobPort", String(port),
    "--inMemoryPersistence", "--extentMemoryLimit", "512", "--disableTelemetry"];
  // OPSHELM_AZURITE_DEBUG=<file> writes Azurite's debug log (it shows each string-to-sign it computed).
  if (process.env.OPSHELM_AZURITE_DEBUG) {
    process.argv.push("--debug", process.env.OPSHELM_AZURITE_DEBUG);
  }
  process.chdir(path.join(__dirname));
  require(main);
} else {
  console.error("usage: node launch.js cosmos|azurite [port]");
  process.exit(2);
}
