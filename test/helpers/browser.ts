/**
 * A real headless Chromium (Debian's `chromium` package, driven by playwright-core, which downloads
 * no browser of its own), started as this closed machine needs: no sandbox as root, and none of the
 * background traffic Chromium makes on its own (it would be refused here, and it is not the page's).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM: string = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Whether the browser is here; in CI it must be (.ci/run installs it). */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env['CI']) throw new Error(`${CHROMIUM} is missing: CI installs Debian's chromium package (apt-get install chromium)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A PNG's width and height, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
