// Lets an integration test ask the runner for a screenshot of the workbench at the right moment.
// Only the code-server runner has a page to take: elsewhere (@vscode/test-electron) this does nothing.

/** Saves test-results/screenshots/NAME.png; returns its path, or undefined when no runner hook is set. */
export async function screenshot(name: string): Promise<string | undefined> {
  const hook = process.env.SEED_CURATOR_SCREENSHOT_URL;
  if (!hook) return undefined;
  const res = await fetch(`${hook}?name=${encodeURIComponent(name)}`);
  if (!res.ok) throw new Error(`screenshot ${name} failed: ${await res.text()}`);
  return res.text();
}
