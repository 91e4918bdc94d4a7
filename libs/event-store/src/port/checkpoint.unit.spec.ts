import { compareCheckpoints, decodeCheckpoint, encodeCheckpoint, isCheckpoint } from './checkpoint';

describe('checkpoints', () => {
  it('encodes two unsigned 64-bit parts with fixed width and decodes them back', () => {
    const checkpoint = encodeCheckpoint(742n, '18446744073709551615');

    expect(checkpoint).toBe('00000000000000000742:18446744073709551615');
    expect(decodeCheckpoint(checkpoint)).toEqual({ major: 742n, minor: 18446744073709551615n });
  });

  it('orders lexically exactly as the numbers order, major part first', () => {
    const pairs: [bigint, bigint][] = [
      [9n, 100n],
      [10n, 1n],
      [10n, 2n],
      [10n, 10n],
      [123456789012n, 0n],
    ];
    const encoded = pairs.map(([a, b]) => encodeCheckpoint(a, b));

    expect([...encoded].reverse().sort()).toEqual(encoded);
    expect([...encoded].reverse().sort(compareCheckpoints)).toEqual(encoded);
    expect(compareCheckpoints(encoded[1], encoded[1])).toBe(0);
  });

  it.each([
    ['42'],
    ['1:2'],
    ['00000000000000000001-00000000000000000002'],
    ['99999999999999999999:0'.padEnd(41, '0')],
  ])('rejects the malformed checkpoint %s with INVALID_ARGUMENT', (bad) => {
    expect(isCheckpoint(bad)).toBe(false);
    expect(() => decodeCheckpoint(bad)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('rejects parts outside the unsigned 64-bit range', () => {
    expect(() => encodeCheckpoint(-1n, 0n)).toThrow('out of range');
    expect(() => encodeCheckpoint(1n << 64n, 0n)).toThrow('out of range');
  });
});
