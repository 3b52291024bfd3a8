// Starts one local emulator in this process and exits when standard input closes, so an emulator never outlives the test
// process (or script) that started it, even when that process is killed.
//   node launch.js cosmos  [port]   -> prints "listening on https://127.0.0.1:<port>"
//   node launch.js azurite [port] [azurite options…]        -> Blob; prints Azurite's own "listens on http(s)://127.0.0.1:<port>"
//   node launch.js azurite-table <port> [azurite options…]  -> Table; prints "started on 127.0.0.1:<port>" (give a port: it
//                                                               prints the port it was given, not the one it bound)
// Azurite runs with --skipApiVersionCheck (the SDKs speak newer service versions than it knows) and --disableTelemetry;
// without --location it keeps everything in memory. Extra options (--oauth basic --cert … --key …, --location …) pass through.
//   node launch.js azurite-durable           -> Blob, Queue and Table (the Durable Task Azure Storage backend's needs) on free ports,
//                                               each announced by Azurite's "<Service> service is successfully listening at http://…" line
"use strict";
const path = require("path");

const [, , which, portArg, ...extra] = process.argv;
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
} else if (which === "azurite" || which === "azurite-table") {
  const table = which === "azurite-table";
  const main = require.resolve(`azurite/dist/src/${table ? "table" : "blob"}/main.js`);
  const listen = table
    ? ["--tableHost", "127.0.0.1", "--tablePort", String(port)]
    : ["--blobHost", "127.0.0.1", "--blobPort", String(port)];
  const persistence = extra.includes("--location") ? [] : table ? ["--inMemoryPersistence"] : ["--inMemoryPersistence", "--extentMemoryLimit", "512"];
  process.argv = [process.argv[0], main, ...listen, ...persistence, "--skipApiVersionCheck", "--disableTelemetry", ...extra];
  // OPSHELM_AZURITE_DEBUG=<file> writes Azurite's debug log (it shows each string-to-sign it computed).
  if (process.env.OPSHELM_AZURITE_DEBUG) {
    process.argv.push("--debug", process.env.OPSHELM_AZURITE_DEBUG);
  }
  process.chdir(path.join(__dirname));
  require(main);
} else if (which === "azurite-durable") {
  // DurableTask.AzureStorage sends headers and parameters Azurite does not know (--loose) and newer service versions
  // (--skipApiVersionCheck); --silent keeps the access log (thousands of queue polls) out of the pipe.
  const main = require.resolve("azurite/dist/src/azurite.js");
  process.argv = [process.argv[0], main,
    "--blobHost", "127.0.0.1", "--blobPort", "0",
    "--queueHost", "127.0.0.1", "--queuePort", "0",
    "--tableHost", "127.0.0.1", "--tablePort", "0",
    "--inMemoryPersistence", "--extentMemoryLimit", "512",
    "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent"];
  process.chdir(path.join(__dirname));
  require(main);
} else {
  console.error("usage: node launch.js cosmos|azurite|azurite-table|azurite-durable [port] [options]");
  process.exit(2);
}
