// Preloaded (`node -r ./bench/cpu-usage.cjs`) by `bench:startup` in every timed run, the bare one included:
// writes the process's CPU time (user + system, ms) to $RR_CPU_FILE at exit. On a loaded machine the CPU a
// start-up costs is steadier than its wall time. CommonJS, so that it starts no ES module loader of its own.
process.on('exit', () => {
  const u = process.cpuUsage();
  require('node:fs').writeFileSync(process.env.RR_CPU_FILE, String((u.user + u.system) / 1000));
});
