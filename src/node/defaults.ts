/** Defaults read from the real machine, only when a resolution asks for them (never at import time). */
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import type { Platform } from '../core/types';

export function currentPlatform(): Platform {
  return process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
}

let wslKernel: boolean | undefined;

/** WSL is Linux whose kernel says Microsoft. The kernel does not change while we run: asked once, on first use. */
export function detectWsl(platform: Platform): boolean {
  if (platform !== 'linux' || process.platform !== 'linux') return false;
  if (wslKernel === undefined) {
    try {
      wslKernel = /microsoft/i.test(readFileSync('/proc/version', 'utf8'));
    } catch {
      wslKernel = false;
    }
  }
  return wslKernel;
}

export function currentHome(): string {
  return homedir();
}

let uid: number | undefined | null = null;

/** The user id, read once (it is slow to ask for, and a process keeps its user). */
export function currentUid(): number | undefined {
  if (uid === null) uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return uid;
}

export function currentUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
