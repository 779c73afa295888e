/** Polls `what` every 50 ms until it is true; fails after `ms` (a bound for a loaded machine). */
export async function until(what: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not within ${ms} ms`);
}
