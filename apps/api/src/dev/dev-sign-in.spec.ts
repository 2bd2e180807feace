import { describe, expect, test } from '@jest/globals';
import { devSignInEnabled, devSignInReaches } from './dev-sign-in.js';

describe('dev sign-in switch', () => {
  test('on in the embedded default: not production and no JWT_SECRET', () => {
    expect(devSignInEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(devSignInEnabled({ NODE_ENV: 'test', JWT_SECRET: undefined })).toBe(true);
    expect(devSignInEnabled({ NODE_ENV: 'development', JWT_SECRET: '' })).toBe(true);
  });

  test('off as soon as a JWT_SECRET is configured, or in production', () => {
    expect(devSignInEnabled({ NODE_ENV: 'development', JWT_SECRET: 'a-configured-secret-of-at-least-32-chars' })).toBe(false);
    expect(devSignInEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(devSignInEnabled({ NODE_ENV: 'production', JWT_SECRET: 'a-configured-secret-of-at-least-32-chars' })).toBe(false);
  });
});

describe('dev sign-in reach', () => {
  test('loopback (the default) answers this machine only, over IPv4, IPv6 and IPv4-mapped IPv6', () => {
    for (const client of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect([client, devSignInReaches(client, 'loopback')]).toEqual([client, true]);
    for (const client of ['192.0.2.2', '10.0.0.1', 'fd00::2', '::ffff:192.0.2.2', '0.0.0.0', '::', '127.0.0.1.evil', undefined]) {
      expect([client, devSignInReaches(client, 'loopback')]).toEqual([client, false]);
    }
  });

  test('open answers any address', () => {
    expect(devSignInReaches('192.0.2.2', 'open')).toBe(true);
    expect(devSignInReaches('fd00::2', 'open')).toBe(true);
  });
});
