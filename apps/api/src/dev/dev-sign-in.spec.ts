import { describe, expect, test } from '@jest/globals';
import { devSignInEnabled } from './dev-sign-in.js';

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
