import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../src/shared/mask-secret';

describe('masking a secret for display', () => {
  it('shows only the last four characters of a long secret, behind a fixed mask', () => {
    expect(maskSecret('wJalrXUtnFEMI/K7MDENG/bPxRfiCY1a2b')).toBe('••••1a2b');
    expect(maskSecret('AKIAIOSFODNN7EXAMPLE')).toBe('••••MPLE');
  });

  it('shows no tail of a short secret and never hints at the length', () => {
    expect(maskSecret('hunter2')).toBe('••••');
    expect(maskSecret('12345678901')).toBe('••••');
  });

  it('counts characters, not UTF-16 units, so an emoji tail stays whole', () => {
    expect(maskSecret('long-secret-value-🔑🔑')).toBe('••••e-🔑🔑');
  });
});
