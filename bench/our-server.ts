// The API under tsx, straight from server/src (BENCH_RUNTIME=tsx); the bench normally runs the built
// server/dist/scripts/bench-server.js like production (bench/processes.ts startApi).
import '../server/src/scripts/bench-server.js';
