/* global setInterval */
// Preloaded (node -r) into the api and worker processes the benchmark starts: when the benchmark
// is gone (killed outright, so it could not stop them), they stop too instead of running on.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
}, 1_000).unref();
