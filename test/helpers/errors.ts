/** The ConfigError code a call throws (sync or async), or undefined when it does not throw. */
import { expect } from 'vitest';
import { ConfigError } from '../../src/index';

export async function errorCode(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).code;
  }
  return undefined;
}
