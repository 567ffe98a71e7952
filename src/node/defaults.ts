/** Defaults read from the real machine, only when a resolution asks for them (never at import time). */
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import type { Platform } from '../core/types';

export function currentPlatform(): Platform {
  return process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
}

/** WSL is Linux whose kernel says Microsoft. */
export function detectWsl(platform: Platform): boolean {
  if (platform !== 'linux' || process.platform !== 'linux') return false;
  try {
    return /microsoft/i.test(readFileSync('/proc/version', 'utf8'));
  } catch {
    return false;
  }
}

export function currentHome(): string {
  return homedir();
}

export function currentUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

export function currentUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
