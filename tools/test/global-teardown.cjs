module.exports = async function globalTeardown() {
  const started = globalThis.__skContainers ?? [];
  await Promise.allSettled(started.map((c) => c.stop()));
};
